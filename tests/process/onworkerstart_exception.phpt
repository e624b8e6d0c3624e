--TEST--
Errors: onWorkerStart throwing makes the child exit 250; the master logs it and restarts it with a growing delay
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'boot';
$w->onWorkerStart = function ($w) {
    Worker::log("start " . getmypid());
    throw new RuntimeException("cannot start");
};
$w->onWorkerStop = function ($w) { Worker::log("stop " . getmypid()); };
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("exit $status $pid"); };
Worker::runAll();
PHP);
$log = $server->waitForLog('died 3 times in a row');
$lines = $server->logMessages();
// Normalise pids: each start's pid must be the one the master reports as exiting.
$pids = [];
foreach ($lines as &$line) {
    $line = preg_replace_callback('/^(start |stop |worker\[boot:|exit \d+ )(\d+)/', function ($m) use (&$pids) {
        $pids[$m[2]] ??= 'P' . (count($pids) + 1);
        return $m[1] . $pids[$m[2]];
    }, $line);
}
unset($line);
$cut = array_search('worker[boot] died 3 times in a row within 1 s of starting; next start in 0.2 s', $lines);
echo implode("\n", array_slice($lines, 0, $cut + 1)), "\n";
var_dump($server->stop());
?>
--EXPECTF--
Surge[server.php] start in DEBUG mode
start P1
Worker[boot] onWorkerStart threw RuntimeException: cannot start in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Worker))
#1 [internal function]: {surge fiber}(Object(Surge\Worker))
#2 [internal function]: Fiber->start(Object(Surge\Worker))
#3 [internal function]: Surge\Worker->run()
#4 %s/server.php(%d): Surge\Worker::runAll()
#5 {main}
stop P1
worker[boot:P1] exit code 250 (stopped after an uncaught exception)
exit 64000 P1
start P2
Worker[boot] onWorkerStart threw RuntimeException: cannot start in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Worker))
#1 [internal function]: {surge fiber}(Object(Surge\Worker))
#2 [internal function]: Fiber->start(Object(Surge\Worker))
#3 [internal function]: Surge\Worker->run()
#4 %s/server.php(%d): Surge\Worker::runAll()
#5 {main}
stop P2
worker[boot:P2] exit code 250 (stopped after an uncaught exception)
exit 64000 P2
worker[boot] died 2 times in a row within 1 s of starting; next start in 0.1 s
start P3
Worker[boot] onWorkerStart threw RuntimeException: cannot start in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Worker))
#1 [internal function]: {surge fiber}(Object(Surge\Worker))
#2 [internal function]: Fiber->start(Object(Surge\Worker))
#3 [internal function]: Surge\Worker->run()
#4 %s/server.php(%d): Surge\Worker::runAll()
#5 {main}
stop P3
worker[boot:P3] exit code 250 (stopped after an uncaught exception)
exit 64000 P3
worker[boot] died 3 times in a row within 1 s of starting; next start in 0.2 s
int(0)
