--TEST--
AsyncUdpConnection: unix:// talks to a Unix datagram worker (the client gets an address of its own, so the worker's answer reaches it): onConnect, onMessage with the answer, onClose
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Connection\AsyncUdpConnection;
$w = new Worker('unix://' . TEST_DIR . '/u.sock');
$w->transport = 'udp';
$w->onMessage = function ($c, $data) {
    Worker::log('server got ' . json_encode($data));
    Worker::log('server send returned ' . var_export($c->send("echo:$data"), true));
};
$client = new Worker();
$client->onWorkerStart = function () {
    $c = new AsyncUdpConnection('unix://' . TEST_DIR . '/u.sock');
    $c->onConnect = fn($c) => Worker::log('client onConnect ' . var_export($c->isIpV4(), true) . ' ' . $c->getRemotePort());
    $c->onError = fn($c, $code, $msg) => Worker::log("client onError $code $msg");
    $c->onMessage = function ($c, $d) { Worker::log("client onMessage $d"); $c->close(); };
    $c->onClose = fn($c) => Worker::log('client onClose');
    Worker::log('client send returned ' . var_export($c->send('ping'), true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('client onClose');
$server->waitForLog('server send returned');
$lines = array_values(array_filter($server->logMessages(), fn($l) => preg_match('/^(client|server)/', $l)));
// The two processes log concurrently: sort each side's lines apart, keeping their order.
print_r(array_values(array_filter($lines, fn($l) => str_starts_with($l, 'client'))));
print_r(array_values(array_filter($lines, fn($l) => str_starts_with($l, 'server'))));
var_dump($server->stop());
?>
--EXPECT--
Array
(
    [0] => client onConnect false 0
    [1] => client send returned true
    [2] => client onMessage echo:ping
    [3] => client onClose
)
Array
(
    [0] => server got "ping"
    [1] => server send returned true
)
int(0)
