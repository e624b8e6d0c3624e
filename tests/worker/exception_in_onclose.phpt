--TEST--
Errors: an exception in onClose is logged; the connection is still removed and the process keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'closer';
$w->onMessage = function ($c, $m) {
    $c->send(getmypid() . " $m " . implode(',', array_keys($c->worker->connections)) . ' ' . implode(',', array_keys(TcpConnection::$connections)));
};
$w->onClose = function ($c) {
    Worker::log("closing {$c->id}");
    throw new DomainException("onClose failed for {$c->id}");
};
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$a = $server->connect();
fwrite($a, "a\n");
var_dump(read_line($a) === "$child a 1 1");
$b = $server->connect();
fwrite($b, "b\n");
var_dump(read_line($b) === "$child b 1,2 1,2");
fclose($b);
$server->waitForLog('threw DomainException');
fwrite($a, "again\n");
var_dump(read_line($a) === "$child again 1 1");
var_dump($server->children() === [$child]);
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
closing 2
Worker[closer] onClose of connection 2 threw DomainException: onClose failed for 2 in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Connection\TcpConnection))
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
int(0)
