--TEST--
Jobs: a delayed job waits in <queue>:delayed (not in the stream) and is moved to the stream and run once due; jobs without delay are not held back by it
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$later = Surge\Jobs::push('reports', 'later', ['delay' => 1.5]);
echo "delayed set: ", $redis->cli('ZCARD', 'reports:delayed'), ", stream: ", $redis->cli('XLEN', 'reports'), "\n";
$now = Surge\Jobs::push('reports', 'now');

$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/reports');
$w->onMessage = function (Surge\Job $job) {
    Worker::log("run {$job->payload} {$job->id}");
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('run now');
// The delayed one is still in the sorted set when the immediate one ran (it is due 1.5 s
// after the push, and the consumer started after the push).
$ranLater = str_contains($server->log(), 'run later');
echo "still delayed when 'now' ran: ", var_export(!$ranLater || $redis->cli('ZCARD', 'reports:delayed') === '1', true), "\n";
$server->waitForLog('run later');
$lines = log_lines($server, 'run ');
echo str_replace([$later, $now], ['ID1', 'ID2'], implode("\n", $lines)), "\n";
echo "delayed set: ", $redis->cli('ZCARD', 'reports:delayed'), "\n";
var_dump($server->stop());
?>
--EXPECT--
delayed set: 1, stream: 0
still delayed when 'now' ran: true
run now ID2
run later ID1
delayed set: 0
int(0)
