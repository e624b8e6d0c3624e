--TEST--
Connection: $connection->id is writable (GatewayWorker does it); the connection still leaves $worker->connections and TcpConnection::$connections under its original id
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    if ($c->id === 1) {
        $c->id = 2; // collides with the next connection's id
    }
};
$w->onMessage = function ($c, $m) {
    $c->send("{$c->id} " . implode(',', array_keys($c->worker->connections)) . ' ' . implode(',', array_keys(TcpConnection::$connections)));
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$a = $server->connect();
fwrite($a, "x\n");
var_dump(read_line($a));
$b = $server->connect();
fwrite($b, "x\n");
var_dump(read_line($b));
fclose($a);
$server->waitForLog('close 2');
fwrite($b, "x\n");
var_dump(read_line($b));
var_dump($server->stop());
?>
--EXPECT--
string(5) "2 1 1"
string(9) "2 1,2 1,2"
string(5) "2 2 2"
int(0)
