--TEST--
Tasks: wrong use gets an exception that says what to do: task() before runAll(), on a Worker without task processes, from onTask, on another Worker, with a closure as data; taskCount without onTask stops runAll()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$w = new Surge\Worker();
$w->taskCount = 1;
try {
    $w->task(1);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$server = TestServer::start(<<<'PHP'
$plain = new Worker();
$plain->name = 'plain';
$pool = new Worker();
$pool->name = 'pool';
$pool->taskCount = 1;
$pool->onTask = function ($data) use ($pool) {
    return $pool->task('nested');
};
$try = function (string $what, callable $fn) {
    try {
        $fn();
        Worker::log("$what: no exception");
    } catch (Throwable $e) {
        Worker::log("$what: " . get_class($e) . ': ' . $e->getMessage());
    }
};
$plain->onWorkerStart = function (Worker $w) use ($try, $pool) {
    $try('no pool', fn() => $w->task(1));
    $try('other worker', fn() => $pool->task(1));
    Worker::log('plain done');
};
$pool->onWorkerStart = function (Worker $w) use ($try) {
    $try('closure', fn() => $w->task(fn() => 1));
    $w->task('x', fn($r) => Worker::log('from onTask: ' . get_class($r) . ': ' . $r->getMessage()));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('plain done');
$server->waitForLog('from onTask: Surge');
$lines = array_filter($server->logMessages(), fn($l) => preg_match('/^(no pool|other worker|closure|from onTask)/', $l));
sort($lines); // the two Workers' processes log in either order
echo implode("\n", $lines), "\n";
var_dump($server->stop());

$bad = TestServer::spawn(<<<'PHP'
$w = new Worker();
$w->name = 'nohandler';
$w->taskCount = 2;
Worker::runAll();
PHP);
$bad->wait();
preg_match("/Surge\\\\Worker 'nohandler'[^\n]*runAll\\(\\)/", $bad->output(), $m);
echo $m[0] ?? $bad->output(), "\n";
?>
--EXPECT--
RuntimeException: Surge\Worker::task() works only in the worker processes Worker::runAll() starts (in onWorkerStart, onMessage, a timer...), not before runAll() or in the master
closure: InvalidArgumentException: Surge\Worker::task(): $data cannot be serialized (Exception: Serialization of 'Closure' is not allowed): pass plain values, arrays or serializable objects; a closure or a resource cannot cross to another process
from onTask: Surge\TaskError: RuntimeException: Surge\Worker::task() cannot be called from onTask: a task process takes tasks, it does not give them (a task waiting on its own pool can deadlock it); do the work in onTask itself and return its result
no pool: RuntimeException: Surge\Worker::task(): Worker 'plain' has no task processes: set $worker->taskCount = N and $worker->onTask before Worker::runAll()
other worker: RuntimeException: Surge\Worker::task(): call it on the Worker of this worker process (its task pool serves only its own processes), not on Worker 'pool'
int(0)
Surge\Worker 'nohandler': taskCount is 2 but onTask is not set: set $worker->onTask = function (mixed $data, int $taskId, int $srcWorkerId, Surge\Worker $worker) { return $result; } before Worker::runAll()
