--TEST--
Jobs: a consumer SIGKILLed in the middle of a job leaves it unacknowledged; after jobClaimIdle another consumer claims it (XAUTOCLAIM) and runs it to the end
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/slow');
$w->count = 2;
$w->jobClaimIdle = 0.5;
$w->onWorkerStart = fn() => Worker::log('consumer ready');
$w->onMessage = function (Surge\Job $job) {
    Worker::log("started {$job->payload} attempt {$job->attempt} pid " . getmypid());
    if (!file_exists(TEST_DIR . '/go')) {
        sleep(30); // stuck: the test kills this process now
    }
    Worker::log("finished {$job->payload} pid " . getmypid());
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('consumer ready', 10, 2);
Surge\Jobs::push('slow', 'job-1');
$server->waitForLog('started job-1');
preg_match('/pid (\d+)/', log_lines($server, 'started')[0], $m);
$victim = (int)$m[1];
touch($server->dir . '/go');
posix_kill($victim, SIGKILL);
$server->waitForLog('finished job-1');
preg_match('/pid (\d+)/', log_lines($server, 'finished')[0], $m);
echo "finished by another process: ", var_export((int)$m[1] !== $victim, true), "\n";
echo implode("\n", array_map(fn($l) => preg_replace('/pid \d+/', 'pid P', $l), log_lines($server, 'started'))), "\n";
echo "claim logged: ", var_export(str_contains($server->log(), 'claimed 1 job(s) left unacknowledged'), true), "\n";
wait_for(fn() => $redis->cli('XLEN', 'slow') === '0', 'the claimed job acknowledged');
var_dump($server->stop());
?>
--EXPECT--
finished by another process: true
started job-1 attempt 1 pid P
started job-1 attempt 1 pid P
claim logged: true
int(0)
