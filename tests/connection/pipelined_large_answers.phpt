--TEST--
Connection: answers to pipelined messages are not dropped as "send buffer full" while the socket can still take them
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
// Three answers of 600 kB: each fits the socket (the kernel takes several MB on loopback),
// none exceeds maxSendBufferSize (1 MiB) on its own.
$w->onMessage = function ($c, $m) {
    Worker::log("$m " . var_export($c->send(str_repeat($m, 600000)), true));
};
$w->onError = function ($c, $code, $msg) { Worker::log("error $code $msg"); };
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "a\nb\nc\n");
$server->waitForLog('c ');
$data = read_bytes($c, 3 * 600001);
var_dump(strlen($data), $data === str_repeat('a', 600000) . "\n" . str_repeat('b', 600000) . "\n" . str_repeat('c', 600000) . "\n");
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
int(1800003)
bool(true)
a true
b true
c true
int(0)
