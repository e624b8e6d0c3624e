--TEST--
Tasks: two worker processes share a pool of two task processes; each caller gets exactly its own answers (its worker id, its task ids), and `status` shows the task group
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->name = 'shared';
$w->count = 2;
$w->taskCount = 2;
$w->onTask = fn($data, $taskId, $src) => [$data, $src, getmypid()];
$w->onWorkerStart = function (Worker $worker) {
    $n = 50;
    $got = [];
    $pids = [];
    for ($i = 1; $i <= $n; $i++) {
        $worker->task("w{$worker->id}-$i", function ($result, $taskId) use ($worker, $n, &$got, &$pids) {
            [$data, $src, $pid] = $result;
            $got[$taskId] = $data === "w{$worker->id}-$taskId" && $src === $worker->id;
            $pids[$pid] = true;
            if (count($got) === $n) {
                Worker::log(sprintf('worker %d: %d answers, all mine=%s, task pids not mine=%s',
                    $worker->id, count($got), array_sum($got) === $n ? 'yes' : 'no',
                    isset($pids[getmypid()]) ? 'no' : 'yes'));
            }
        });
    }
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog(': 50 answers', 10, 2);
$lines = array_values(array_filter($server->logMessages(), fn($l) => str_contains($l, 'answers')));
sort($lines);
echo implode("\n", $lines), "\n";
[$code, $out] = $server->command(['status']);
echo "status exit $code\n";
// The task group: its name, "task" as its listen column, and its two processes.
echo preg_match('/^shared task\s+libevent/m', $out) ? "status shows the task group\n" : $out;
echo preg_match_all('/^\d+\s+\S+\s+task\s+shared task\s/m', $out) === 2 ? "with 2 processes\n" : $out;
var_dump($server->stop());
?>
--EXPECT--
worker 0: 50 answers, all mine=yes, task pids not mine=yes
worker 1: 50 answers, all mine=yes, task pids not mine=yes
status exit 0
status shows the task group
with 2 processes
int(0)
