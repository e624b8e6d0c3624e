--TEST--
Process: children stop (running onWorkerStop) when their master is killed with SIGKILL
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("start {$w->id}"); };
$w->onWorkerStop = function ($w) { Worker::log("orphan stop {$w->id}"); };
Worker::runAll();
PHP);
$children = $server->waitForChildren(2);
$server->waitForLog('start ', 10, 3);
posix_kill($server->pid, SIGKILL);
var_dump($server->wait());
$server->waitForLog('orphan stop', 10, 2);
$deadline = microtime(true) + 10;
do {
    $alive = array_filter($children, function ($pid) {
        $stat = @file_get_contents("/proc/$pid/stat");
        return $stat !== false && !preg_match('/\) Z /', $stat);
    });
    if (!$alive) break;
    usleep(20000);
} while (microtime(true) < $deadline);
var_dump($alive);
$lines = array_values(array_filter($server->logMessages(), fn($l) => str_starts_with($l, 'orphan')));
sort($lines);
print_r($lines);
?>
--EXPECT--
int(-1)
array(0) {
}
Array
(
    [0] => orphan stop 0
    [1] => orphan stop 1
)
