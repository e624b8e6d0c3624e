<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * One job as a `redis-stream://` Worker's onMessage receives it:
 * `$worker->onMessage = function (Surge\Job $job) { ... }`. Returning acknowledges it;
 * throwing runs it again later (after `retryDelay`, doubling) until `attempts` is
 * reached, then moves it to the `<queue>:dead` stream.
 */
final class Job
{
    /** The id push() returned. */
    public readonly string $id;
    public readonly string $queue;
    /** What was pushed, with its PHP type. */
    public readonly mixed $payload;
    /** 1 for the first run, 2 for the first retry, ... */
    public readonly int $attempt;
    /** The most runs this job gets before it is dead-lettered. */
    public readonly int $attempts;
    /** The Redis stream entry id of this delivery. */
    public readonly string $streamId;

    private function __construct() {}
}
