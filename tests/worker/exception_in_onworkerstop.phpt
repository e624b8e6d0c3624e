--TEST--
Errors: an exception in onWorkerStop is logged; the worker still closes its connections and exits cleanly
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'stopper';
$w->onWorkerStop = function ($w) { Worker::log("stopping"); throw new ErrorException("cannot stop nicely"); };
$w->onConnect = function ($c) { Worker::log("connect {$c->id}"); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("exit status $status"); };
Worker::runAll();
PHP);
$c = $server->connect();
$server->waitForLog('connect 1');
var_dump($server->stop());
var_dump(wait_closed($c));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
?>
--EXPECTF--
int(0)
bool(true)
connect 1
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
stopping
Worker[stopper] onWorkerStop threw ErrorException: cannot stop nicely in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Worker))
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
close 1
exit status 0
Surge[server.php] has been stopped
