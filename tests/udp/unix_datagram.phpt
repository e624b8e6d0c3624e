--TEST--
UDP: unix:// with transport 'udp' is a Unix datagram socket: a datagram up to 65536 bytes is answered to the sender's path, a larger one is dropped with a "dropped a datagram of" log line and the worker goes on
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip ext-sockets is needed for a Unix datagram client bound to a path'); ?>
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('unix://' . TEST_DIR . '/u.sock');
$w->transport = 'udp';
$w->name = 'udg';
$w->onWorkerStart = function ($w) { Worker::log("ready {$w->transport}"); };
$w->onMessage = function ($c, $data) {
    Worker::log('message ' . strlen($data) . ' from ' . $c->getRemoteAddress() . ' ' . json_encode([$c->isIpV4(), $c->isIpV6(), $c->getRemotePort(), $c->getLocalAddress()], JSON_UNESCAPED_SLASHES));
    $c->send('got ' . strlen($data) . ' ' . md5($data));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$path = $server->dir . '/u.sock';
$client = $server->dir . '/client.sock';
$s = socket_create(AF_UNIX, SOCK_DGRAM, 0);
var_dump(socket_bind($s, $client));
socket_set_option($s, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 5, 'usec' => 0]);
socket_set_option($s, SOL_SOCKET, SO_SNDBUF, 1 << 20);
$recv = function () use ($s) {
    $buf = '';
    $from = '';
    return socket_recvfrom($s, $buf, 100000, 0, $from) === false ? false : $buf;
};
$small = 'hello over a unix datagram socket';
var_dump(socket_sendto($s, $small, strlen($small), 0, $path));
var_dump($recv() === 'got ' . strlen($small) . ' ' . md5($small));
// The largest datagram the worker reads whole.
$edge = str_repeat('e', 65536);
var_dump(socket_sendto($s, $edge, strlen($edge), 0, $path));
var_dump($recv() === 'got 65536 ' . md5($edge));
// One byte more, and a much larger one: both dropped and logged.
$over = str_repeat('o', 65537);
var_dump(socket_sendto($s, $over, strlen($over), 0, $path));
$huge = str_repeat('h', 100000);
var_dump(socket_sendto($s, $huge, strlen($huge), 0, $path));
// The worker goes on: the next one is answered, and it is the first answer since.
var_dump(socket_sendto($s, $small, strlen($small), 0, $path));
var_dump($recv() === 'got ' . strlen($small) . ' ' . md5($small));
$server->waitForLog('dropped a datagram of', 10, 2);
echo str_replace($server->dir, 'DIR', implode("\n", array_slice($server->logMessages(), 1))), "\n";
var_dump($server->children() !== [] && $server->isRunning());
var_dump($server->stop());
?>
--EXPECT--
bool(true)
int(33)
bool(true)
int(65536)
bool(true)
int(65537)
int(100000)
int(33)
bool(true)
ready udp
message 33 from DIR/client.sock [false,false,0,"DIR/u.sock"]
message 65536 from DIR/client.sock [false,false,0,"DIR/u.sock"]
Worker[udg] dropped a datagram of 65537 bytes from DIR/client.sock: larger than the 65536 bytes a datagram may have
Worker[udg] dropped a datagram of 100000 bytes from DIR/client.sock: larger than the 65536 bytes a datagram may have
message 33 from DIR/client.sock [false,false,0,"DIR/u.sock"]
bool(true)
int(0)
