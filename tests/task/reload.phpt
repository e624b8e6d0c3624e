--TEST--
Tasks: `reload` replaces the task processes with the worker processes; tasks given during and after the reload are answered (by the new task process), none fails
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->taskCount = 1;
$w->onTask = fn($data) => getmypid();
$w->onWorkerStart = function (Worker $worker) {
    Worker::log('worker started');
    Timer::add(0.02, function () use ($worker) {
        $worker->task(null, function ($result) {
            static $last = null;
            if ($result instanceof Surge\TaskError) {
                Worker::log('task failed: ' . $result->getMessage());
            } elseif ($result !== $last) {
                $last = $result;
                Worker::log("answered by $result");
            }
        });
    });
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$log = $server->waitForLog('answered by ');
preg_match('/answered by (\d+)/', $log, $m);
$before = $m[1];
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$server->waitForLog('worker started', 10, 2);
wait_for(function () use ($server, $before) {
    preg_match_all('/answered by (\d+)/', $server->log(), $all);
    return array_diff($all[1], [$before]) ?: null;
}, 'an answer from the task process started by the reload');
echo "a new task process answers\n";
echo str_contains($server->log(), 'task failed') ? $server->log() : "no task failed\n";
var_dump($server->stop());
?>
--EXPECT--
reload exit 0
a new task process answers
no task failed
int(0)
