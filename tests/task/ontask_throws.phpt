--TEST--
Tasks: onTask throwing is logged in the task process with its task context, the caller gets a Surge\TaskError with the exception's class and message; a result serialize() refuses gives a TaskError too; the pool goes on
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->name = 'thrower';
$w->taskCount = 1;
$w->onTask = function ($data) {
    if ($data === 'boom') throw new DomainException('boom in task');
    if ($data === 'closure') return fn() => 1;
    return "ok:$data";
};
$w->onWorkerStart = function (Worker $worker) {
    foreach (['boom', 'closure', 'after'] as $data) {
        $worker->task($data, function ($result, $taskId) {
            if ($result instanceof Surge\TaskError) {
                Worker::log("task $taskId: TaskError " . $result->getMessage());
            } else {
                Worker::log("task $taskId: " . $result);
            }
        });
    }
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('task 3:');
// The task process's lines, then the caller's (the two processes write the log in either order).
$lines = $server->logMessages();
foreach (['/^task\[/', '/^task /'] as $who) {
    foreach ($lines as $line) {
        if (preg_match($who, $line)) echo preg_replace('/:\d+\]/', ':PID]', preg_replace('/pid \d+/', 'pid PID', $line)), "\n";
    }
}
$log = $server->log();
echo str_contains($log, "Worker[thrower] onTask threw DomainException: boom in task") ? "trace logged\n" : $log;
var_dump($server->stop());
?>
--EXPECT--
task[thrower:PID] onTask threw for task #1 from worker #0 (pid PID); its caller gets a Surge\TaskError
task[thrower:PID] task #2 from worker #0 (pid PID): the result of onTask cannot be serialized (Exception: Serialization of 'Closure' is not allowed): return plain values, arrays or serializable objects
task 1: TaskError DomainException: boom in task
task 2: TaskError the result of onTask cannot be serialized (Exception: Serialization of 'Closure' is not allowed): return plain values, arrays or serializable objects
task 3: ok:after
trace logged
int(0)
