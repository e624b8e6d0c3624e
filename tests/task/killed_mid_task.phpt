--TEST--
Tasks: a task process killed in the middle of a task: its caller gets a Surge\TaskError saying so, the master starts a new task process, and later tasks are answered by it
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->taskCount = 1;
$w->onTask = function ($data) {
    if ($data === 'hang') {
        Worker::log('hanging in ' . getmypid());
        sleep(60);
    }
    return getmypid();
};
$w->onWorkerStart = function (Worker $worker) {
    $worker->task('first', function ($firstPid) use ($worker) {
        $worker->task('hang', function ($result, $taskId) use ($worker, $firstPid) {
            Worker::log(sprintf('task %d: %s %s', $taskId, get_class($result),
                preg_replace('/\d{2,}/', 'PID', $result->getMessage())));
            $worker->task('later', function ($pid, $taskId) use ($firstPid) {
                Worker::log(sprintf('task %d answered by a new task process: %s', $taskId,
                    is_int($pid) && $pid !== $firstPid ? 'yes' : 'no'));
            });
        });
    });
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$log = $server->waitForLog('hanging in ');
preg_match('/hanging in (\d+)/', $log, $m);
posix_kill((int)$m[1], SIGKILL);
$server->waitForLog('answered by a new task process');
foreach ($server->logMessages() as $line) {
    if (str_starts_with($line, 'task ')) echo $line, "\n";
}
var_dump($server->stop());
?>
--EXPECT--
task 2: Surge\TaskError the task process (pid PID) exited before answering task #2
task 3 answered by a new task process: yes
int(0)
