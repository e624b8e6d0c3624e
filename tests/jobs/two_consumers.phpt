--TEST--
Jobs: two consumer processes ($worker->count = 2) share one queue through the consumer group: every job runs exactly once when both succeed, and both processes take part
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/work');
$w->count = 2;
$w->onWorkerStart = fn() => Worker::log('consumer ready');
$w->onMessage = function (Surge\Job $job) {
    usleep(2000); // a little work, so that both consumers get a share
    Worker::log("done {$job->payload} " . getmypid());
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('consumer ready', 10, 2);
$n = 200;
for ($i = 0; $i < $n; $i++) {
    Surge\Jobs::push('work', $i);
}
$server->waitForLog('done ', 20, $n);
$lines = log_lines($server, 'done ');
$seen = [];
$pids = [];
foreach ($lines as $l) {
    [, $i, $pid] = explode(' ', $l);
    $seen[$i] = ($seen[$i] ?? 0) + 1;
    $pids[$pid] = true;
}
echo count($lines), " runs, ", count($seen), " distinct jobs, max runs of one job: ", max($seen), "\n";
echo "processes that ran jobs: ", count($pids), "\n";
wait_for(fn() => $redis->cli('XLEN', 'work') === '0', 'every job acknowledged');
echo "consumers in the group: ", count(array_filter(explode("\n", $redis->cli('XINFO', 'CONSUMERS', 'work', 'surge')), fn($l) => $l === 'name')), "\n";
var_dump($server->stop());
?>
--EXPECT--
200 runs, 200 distinct jobs, max runs of one job: 1
processes that ran jobs: 2
consumers in the group: 2
int(0)
