<?php
/*
 * Durable jobs on Redis Streams: an HTTP endpoint queues a job per request, two consumer
 * processes run them. Needs a Redis >= 6.2 (SURGE_REDIS, default 127.0.0.1:6379).
 *
 *   php -d extension=modules/surge.so examples/jobs.php start
 *   curl 'http://127.0.0.1:8080/?to=ada@example.com'
 */
use Surge\Job;
use Surge\Jobs;
use Surge\Worker;

$redis = getenv('SURGE_REDIS') ?: '127.0.0.1:6379';
Jobs::$redis = "tcp://$redis";   // where push() sends jobs

$mailer = new Worker("redis-stream://$redis/emails");
$mailer->name = 'mailer';
$mailer->count = 2;              // two consumers of the queue (one consumer group)
$mailer->onMessage = function (Job $job) {
    // Returning acknowledges the job; throwing retries it (attempt 2, 3, ...), then
    // moves it to the stream "emails:dead".
    Worker::log("sending to {$job->payload['to']} (job {$job->id}, attempt {$job->attempt}/{$job->attempts})");
};

$web = new Worker('http://0.0.0.0:8080');
$web->onMessage = function ($connection, $request) {
    $id = Jobs::push('emails', ['to' => $request->get('to', 'you@example.com')], ['attempts' => 5]);
    $connection->send("queued job $id\n");   // push() did not wait for Redis
};

Worker::runAll();
