--TEST--
Jobs: a job whose handler throws runs again with attempt+1 (the attempt travels with the job) until `attempts`, then lands in <queue>:dead with the error; a job that throws once succeeds on its second attempt
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$bad = Surge\Jobs::push('mail', 'always fails', ['attempts' => 3, 'retryDelay' => 0.05]);
$flaky = Surge\Jobs::push('mail', 'fails once', ['attempts' => 3, 'retryDelay' => 0.05]);

$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/mail');
$w->onMessage = function (Surge\Job $job) {
    Worker::log("run {$job->payload} {$job->attempt}/{$job->attempts}");
    if ($job->payload === 'always fails' || $job->attempt === 1) {
        throw new DomainException("boom {$job->attempt}");
    }
    Worker::log("ok {$job->payload}");
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('moved to mail:dead');
$server->waitForLog('ok fails once');
$runs = log_lines($server, 'run always');
echo implode("\n", $runs), "\n";
$runs = log_lines($server, 'run fails once');
echo implode("\n", $runs), "\n";
echo "dead entries: ", $redis->cli('XLEN', 'mail:dead'), "\n";
$dead = explode("\n", $redis->cli('XRANGE', 'mail:dead', '-', '+'));
$fields = [];
for ($i = 1; $i + 1 < count($dead); $i += 2) {
    $fields[$dead[$i]] = $dead[$i + 1];
}
echo "dead id is the pushed one: ", var_export($fields['id'] === $bad, true), "\n";
echo "dead attempt: {$fields['attempt']}/{$fields['attempts']}, error: {$fields['error']}, payload: {$fields['payload']}\n";
wait_for(fn() => $redis->cli('XLEN', 'mail') === '0' && $redis->cli('ZCARD', 'mail:delayed') === '0', 'nothing left in the queue');
$fail = array_values(array_filter($server->logMessages(), fn($l) => str_contains($l, "job $bad failed")));
echo preg_replace('/job \w+/', 'job ID', $fail[0]), "\n";
echo preg_replace('/job \w+/', 'job ID', $fail[2]), "\n";
var_dump($server->stop());
?>
--EXPECTF--
run always fails 1/3
run always fails 2/3
run always fails 3/3
run fails once 1/3
run fails once 2/3
dead entries: 1
dead id is the pushed one: true
dead attempt: 3/3, error: DomainException: boom 3, payload: s:12:"always fails";
Worker[none] jobs queue mail: job ID failed (attempt 1 of 3): DomainException: boom 1; attempt 2 in 0.05 s
Worker[none] jobs queue mail: job ID failed (attempt 3 of 3): DomainException: boom 3; no attempts left, moved to mail:dead
int(0)
