--TEST--
Process: Worker::stopAll() in a worker process stops only that process (onWorkerStop, onClose); the master starts a new one; stopAll($code, $log) logs and exits with $code
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'recycled';
$w->onWorkerStart = function ($w) { Worker::log("start " . getmypid()); };
$w->onWorkerStop = function ($w) { Worker::log("stop " . getmypid()); };
$w->onMessage = function ($c, $m) {
    if ($m === 'recycle') {
        Worker::stopAll();
        Worker::log("stopAll returned, status " . Worker::getStatus());
        return;
    }
    if ($m === 'fail') {
        Worker::stopAll(3, 'giving up');
        return;
    }
    $c->send(getmypid() . " $m");
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("exit $status $pid"); };
Worker::runAll();
PHP);
$pids = [];
foreach (['recycle', 'fail'] as $i => $command) {
    $server->waitForLog('start ', 10, $i + 2);
    [$pid] = $server->waitForChildren(1);
    $pids[] = $pid;
    $c = $server->connect();
    fwrite($c, "hi\n");
    var_dump(read_line($c) === "$pid hi");
    fwrite($c, "$command\n");
    var_dump(wait_closed($c));
}
$server->waitForLog('start ', 10, 4);
[$last] = $server->waitForChildren(1);
$pids[] = $last;
var_dump(count(array_unique($pids)));
echo str_replace($pids, ['FIRST', 'SECOND', 'THIRD'], implode("\n", array_slice($server->logMessages(), 1))), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(3)
start FIRST
stop FIRST
stopAll returned, status 4
close 1
exit 0 FIRST
start SECOND
giving up
stop SECOND
close 1
worker[recycled:SECOND] exit code 3 (exit() or Worker::stopAll() with this code)
exit 768 SECOND
start THIRD
int(0)
