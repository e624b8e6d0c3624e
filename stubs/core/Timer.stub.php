<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/** Timers of the current worker process (microsecond resolution). */
class Timer
{
    /** Returns the timer id (ids start at 1). */
    public static function add(float $timeInterval, callable $func, ?array $args = [], bool $persistent = true): int {}

    /** Kept for Workerman's API: Surge's timers always run on the loop of their process. */
    public static function init(?\Surge\Events\EventInterface $event = null): void {}

    public static function repeat(float $timeInterval, callable $func, array $args = []): int {}

    public static function delay(float $timeInterval, callable $func, array $args = []): int {}

    public static function del(int $timerId): bool {}

    public static function delAll(): void {}

    /**
     * With a fiber driver (Worker::$eventLoopClass Fiber, Swoole or Swow) and called in a
     * fiber: suspends that fiber and lets the process go on. Otherwise blocks the process,
     * as in Workerman.
     */
    public static function sleep(float $delay): void {}
}
