--TEST--
Jobs: push() from a plain script waits for Redis and returns the id; a redis-stream:// worker gets each job as a Surge\Job with its payload's PHP type intact, acknowledges it (nothing pending, the stream emptied); push() to an unreachable Redis throws
--FILE--
<?php
require __DIR__ . '/jobs.inc';
Surge\Jobs::$redis = 'tcp://127.0.0.1:' . TestServer::freePort();
try {
    Surge\Jobs::push('q', 1);
} catch (RuntimeException $e) {
    echo preg_replace('/\d+/', 'N', $e->getMessage()), "\n";
}
try {
    Surge\Jobs::push('q', 1, ['delai' => 1]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    Surge\Jobs::push('q', fn() => 1);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}

$redis = TestRedis::start();
Surge\Jobs::$redis = $redis->uri();
$payloads = [42, 1.5, "bin\0ary\r\n", ['a' => [1, 2], 'b' => null], true, null, new ArrayObject([7])];
$ids = [];
foreach ($payloads as $p) {
    $ids[] = Surge\Jobs::push('orders', $p);
}
echo count(array_unique($ids)), " ids, ", strlen($ids[0]), " chars\n";
echo "stream length before the consumer: ", $redis->cli('XLEN', 'orders'), "\n";

$server = TestServer::start(redis_prologue($redis) . <<<'PHP'
$w = new Worker('redis-stream://127.0.0.1:' . REDIS_PORT . '/orders');
$w->onMessage = function (Surge\Job $job) {
    Worker::log("job {$job->id} {$job->queue} {$job->attempt}/{$job->attempts} " . get_debug_type($job->payload) . ' ' . json_encode(serialize($job->payload)));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('job ', 10, count($payloads));
$lines = log_lines($server, 'job ');
foreach ($lines as $i => $line) {
    echo str_replace($ids[$i], 'ID' . $i, $line), "\n";
}
wait_for(fn() => $redis->cli('XLEN', 'orders') === '0', 'the stream to be emptied');
echo "pending: ", $redis->cli('XPENDING', 'orders', 'surge'), "\n";
var_dump($server->stop());
?>
--EXPECT--
Surge\Jobs::push(): cannot connect to Redis at N.N.N.N:N: Connection refused
Surge\Jobs::push(): unknown option 'delai': use 'delay' (seconds), 'attempts' (max runs) or 'retryDelay' (seconds before the first retry)
Serialization of 'Closure' is not allowed
7 ids, 32 chars
stream length before the consumer: 7
job ID0 orders 1/3 int "i:42;"
job ID1 orders 1/3 float "d:1.5;"
job ID2 orders 1/3 string "s:9:\"bin\u0000ary\r\n\";"
job ID3 orders 1/3 array "a:2:{s:1:\"a\";a:2:{i:0;i:1;i:1;i:2;}s:1:\"b\";N;}"
job ID4 orders 1/3 bool "b:1;"
job ID5 orders 1/3 null "N;"
job ID6 orders 1/3 ArrayObject "O:11:\"ArrayObject\":4:{i:0;i:0;i:1;a:1:{i:0;i:7;}i:2;a:0:{}i:3;N;}"
pending: 0
int(0)