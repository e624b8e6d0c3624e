--TEST--
Jobs: push() inside a worker process returns the id at once and sends through the loop (queued while the connection to Redis is made); the consumer runs those jobs
--FILE--
<?php
require __DIR__ . '/jobs.inc';
$redis = TestRedis::start();
$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$consumer = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/events');
$consumer->onMessage = fn(Surge\Job $job) => Worker::log("consumed {$job->id} " . json_encode($job->payload));
$producer = new Worker();
$producer->name = 'producer';
$producer->onWorkerStart = function () {
    // The connection is not made yet: these wait in the producer's queue.
    foreach (['a', 'b', 'c'] as $p) {
        $id = Surge\Jobs::push('events', ['p' => $p]);
        Worker::log("pushed $id");
    }
    Timer::add(0.01, function () {
        $id = Surge\Jobs::push('events', ['p' => 'from a timer']);
        Worker::log("pushed $id");
    }, [], false);
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('consumed ', 10, 4);
$pushed = array_map(fn($l) => substr($l, 7), log_lines($server, 'pushed '));
$consumed = log_lines($server, 'consumed ');
foreach ($consumed as $l) {
    [, $id, $json] = explode(' ', $l, 3);
    echo array_search($id, $pushed, true), " $json\n";
}
var_dump($server->stop());
?>
--EXPECT--
0 {"p":"a"}
1 {"p":"b"}
2 {"p":"c"}
3 {"p":"from a timer"}
int(0)
