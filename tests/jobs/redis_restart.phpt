--TEST--
Jobs: redis-server killed and started again while a consumer waits in XREADGROUP: the consumer logs the loss, reconnects with back-off, creates its group again and runs jobs pushed afterwards
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/q');
$w->onMessage = fn(Surge\Job $job) => Worker::log("run {$job->payload}");
Worker::runAll();
PHP, ['start'], ['wait' => false]);
Surge\Jobs::push('q', 'before');
$server->waitForLog('run before');
$redis->kill();
$server->waitForLog('reconnecting');
$redis->launch();
// The first push may reach the new server before the consumer has recreated the stream's
// group: it is created from offset 0, so the job is delivered either way.
Surge\Jobs::push('q', 'after');
$server->waitForLog('run after', 15);
echo implode("\n", log_lines($server, 'run ')), "\n";
$loss = array_values(array_filter($server->logMessages(), fn($l) => str_contains($l, 'reconnecting')));
echo preg_replace('/127\.0\.0\.1:\d+: .*;/', '127.0.0.1:PORT: WHY;', $loss[0]), "\n";
var_dump($server->stop());
?>
--EXPECT--
run before
run after
Worker[none] jobs queue q: Redis at 127.0.0.1:PORT: WHY; reconnecting (jobs resume when it answers)
int(0)
