<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * A lock shared by the processes of one machine (the API of Swoole\Lock). Create it before
 * Worker::runAll() so that every worker inherits it.
 * Both kinds are robust: when a holder dies (even by SIGKILL) the others get the lock
 * (a RWLOCK notices a dead holder within 50 ms of waiting for it). A RWLOCK belongs to
 * the process that took it; at most 128 processes hold its read side at once.
 * @not-serializable
 */
final class Lock
{
    /** @var int */
    public const MUTEX = 3;
    /** @var int */
    public const RWLOCK = 1;

    public function __construct(int $type = Lock::MUTEX) {}

    /** Blocks until the lock is held (the write lock of a RWLOCK). */
    public function lock(): bool {}

    public function trylock(): bool {}

    /** Waits at most $timeout seconds; false on timeout. */
    public function lockWait(float $timeout = 1.0): bool {}

    /** Releases the lock (either side of a RWLOCK); false when this process does not hold it. */
    public function unlock(): bool {}

    public function lock_read(): bool {}

    public function trylock_read(): bool {}

    public function unlock_read(): bool {}

    public function lockRead(): bool {}

    public function tryLockRead(): bool {}

    public function unlockRead(): bool {}
}
