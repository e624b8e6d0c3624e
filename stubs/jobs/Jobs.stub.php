<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * Durable jobs on Redis Streams. push() adds a job to a queue (a Redis stream of that
 * name); a `redis-stream://host:port/<queue>` Worker consumes it. Delivery is
 * at-least-once: a job may run twice if its process dies after the work but before the
 * acknowledgement.
 */
final class Jobs
{
    /**
     * Where push() sends jobs: tcp://host:port, redis://[:password@]host[:port][/db] or
     * unix:///path. Set it before the first push() (in the start file, before runAll()).
     */
    public static string $redis = "tcp://127.0.0.1:6379";

    /**
     * Adds a job and returns its id. Options: `delay` (seconds before it may run),
     * `attempts` (how many times it may run before it goes to the `<queue>:dead` stream,
     * default 3), `retryDelay` (seconds before the second attempt, doubling each time,
     * default 1). Inside a worker process it never blocks: the job is sent from the loop
     * (queued while the connection to Redis is being made); in a plain script it waits
     * for Redis to answer and throws when it cannot reach it.
     */
    public static function push(string $queue, mixed $payload, array $options = []): string {}
}
