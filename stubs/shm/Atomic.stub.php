<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * A 64-bit integer in shared memory, changed atomically by the processes of one machine
 * (the API of Swoole\Atomic). Create it before Worker::runAll() so that every worker
 * inherits it. wait()/wakeup() use the value as an event: wakeup() turns 0 into 1 and
 * wakes waiters; wait() turns 1 back into 0, sleeping while the value is 0.
 * @not-serializable
 */
final class Atomic
{
    public function __construct(int $value = 0) {}

    /** Returns the new value. */
    public function add(int $value = 1): int {}

    /** Returns the new value. */
    public function sub(int $value = 1): int {}

    public function get(): int {}

    public function set(int $value): void {}

    /** Sets $new if the value is $cmp; true if it did. */
    public function cmpset(int $cmp, int $new): bool {}

    /**
     * Waits until the value is 1 and sets it back to 0 (true), or until $timeout seconds
     * passed (false; a negative $timeout waits forever). Returns false at once when the
     * value is neither 0 nor 1. Blocks the whole process.
     */
    public function wait(float $timeout = -1): bool {}

    /** Sets the value from 0 to 1 and wakes up to $count waiting processes. */
    public function wakeup(int $count = 1): bool {}
}
