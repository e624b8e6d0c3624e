<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Events;

/**
 * Surge's event loop as an EventInterface. Every instance works on the one loop of the
 * current process: timers share their ids with Surge\Timer, stream watchers accept any
 * PHP stream resource (sockets, pipes, stream_socket_client() results), signal callbacks
 * run between events. In a worker process Worker::getEventLoop() returns the instance of
 * the driver the worker asked for; outside one (a plain script) run() runs a loop of its
 * own until stop(), so AsyncTcpConnection and timers work there too.
 */
class EventLoop implements EventInterface
{
    public function delay(float $delay, callable $func, array $args = []): int {}

    public function offDelay(int $timerId): bool {}

    public function repeat(float $interval, callable $func, array $args = []): int {}

    public function offRepeat(int $timerId): bool {}

    /** @param resource $stream */
    public function onReadable(mixed $stream, callable $func): void {}

    /** @param resource $stream */
    public function offReadable(mixed $stream): bool {}

    /** @param resource $stream */
    public function onWritable(mixed $stream, callable $func): void {}

    /** @param resource $stream */
    public function offWritable(mixed $stream): bool {}

    public function onSignal(int $signal, callable $func): void {}

    public function offSignal(int $signal): bool {}

    public function deleteAllTimer(): void {}

    /**
     * In a worker process the loop already runs (this throws); elsewhere this runs it
     * until stop() is called.
     */
    public function run(): void {}

    /** In a worker process: stops the process (the master starts a new one); elsewhere: ends run(). */
    public function stop(): void {}

    public function getTimerCount(): int {}

    public function setErrorHandler(callable $errorHandler): void {}
}
