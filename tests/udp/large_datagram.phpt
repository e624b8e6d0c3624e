--TEST--
UDP: a 60000-byte datagram reaches onMessage whole in one call and send() answers with one 60000-byte datagram; the largest IPv4 UDP payload (65507 bytes) is delivered whole too, and send() of a 70000-byte datagram returns false
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onMessage = function ($c, $data) {
    Worker::log('message ' . strlen($data) . ' ' . md5($data));
    if ($data === 'too large') {
        // More than an IPv4 UDP datagram can carry: the kernel refuses it.
        Worker::log('70000-byte send returned: ' . var_export($c->send(str_repeat('x', 70000)), true));
        $c->send('after too large');
    } elseif (strlen($data) === 60000) {
        Worker::log('echo sent: ' . var_export($c->send(strrev($data)), true));
    } else {
        $c->send(strlen($data) . ' ' . md5($data));
    }
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$c = udp_client($server->port);
$big = '';
for ($i = 0; strlen($big) < 60000; $i++) {
    $big .= sprintf('%08d', $i);
}
$big = substr($big, 0, 60000);
var_dump(udp_send($c, $big));
$answer = udp_recv($c);
var_dump(strlen($answer), $answer === strrev($big));
$max = str_repeat('m', 65506) . 'z';
var_dump(udp_send($c, $max));
var_dump(udp_recv($c) === '65507 ' . md5($max));
udp_send($c, 'too large');
var_dump(udp_recv($c));
$server->waitForLog('message 65507');
echo str_replace([md5($big), md5($max)], ['MD5-BIG', 'MD5-MAX'], implode("\n", array_slice($server->logMessages(), 2))), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
int(60000)
bool(true)
bool(true)
bool(true)
string(15) "after too large"
message 60000 MD5-BIG
echo sent: true
message 65507 MD5-MAX
message 9 %s
70000-byte send returned: false
int(0)
