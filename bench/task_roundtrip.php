<?php
// Task round trips per second: one worker process keeps TASK_INFLIGHT tasks outstanding
// (each answer gives the next one) against TASK_COUNT task processes whose onTask returns
// its data; after TASK_WARMUP seconds it counts answers for TASK_SECONDS and prints
// "tasks_per_s=N" to $BENCH_TMP/result. Run by bench/run_tasks.sh.
use Surge\Worker;
use Surge\Timer;

$tmp = getenv('BENCH_TMP') ?: sys_get_temp_dir();
Worker::$pidFile = "$tmp/tasks.pid";
Worker::$logFile = "$tmp/tasks.log";
$w = new Worker();
$w->taskCount = (int)(getenv('TASK_COUNT') ?: 1);
$w->onTask = fn($data) => $data;
$w->onWorkerStart = function (Worker $worker) use ($tmp) {
    $inflight = (int)(getenv('TASK_INFLIGHT') ?: 16);
    $warmup = (float)(getenv('TASK_WARMUP') ?: 1);
    $seconds = (float)(getenv('TASK_SECONDS') ?: 5);
    $payload = str_repeat('x', (int)(getenv('TASK_PAYLOAD') ?: 16));
    $answers = 0;
    $errors = 0;
    $give = function () use ($worker, $payload, &$answers, &$errors, &$give) {
        $worker->task($payload, function ($r) use (&$answers, &$errors, $give, $payload) {
            $r === $payload ? $answers++ : $errors++;
            $give();
        });
    };
    for ($i = 0; $i < $inflight; $i++) $give();
    Timer::add($warmup, function () use (&$answers, &$errors, $seconds, $tmp) {
        $start = $answers;
        $t0 = microtime(true);
        Timer::add($seconds, function () use (&$answers, &$errors, $start, $t0, $tmp) {
            $rate = ($answers - $start) / (microtime(true) - $t0);
            file_put_contents("$tmp/result", sprintf("tasks_per_s=%d errors=%d\n", $rate, $errors));
            posix_kill(posix_getppid(), SIGTERM);
        }, [], false);
    }, [], false);
};
Worker::runAll();
