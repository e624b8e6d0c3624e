<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Events;

/**
 * The event loop of a worker process as an object (Workerman 5's EventInterface), for
 * libraries that bring their own streams and timers. Surge runs one loop per process;
 * every implementation of this interface that Surge provides works on that loop.
 */
interface EventInterface
{
    /** Runs $func(...$args) once after $delay seconds; returns the timer id. */
    public function delay(float $delay, callable $func, array $args = []): int;

    public function offDelay(int $timerId): bool;

    /** Runs $func(...$args) every $interval seconds; returns the timer id. */
    public function repeat(float $interval, callable $func, array $args = []): int;

    public function offRepeat(int $timerId): bool;

    /** Calls $func(mixed $stream) whenever the stream is readable (replaces an earlier callback). */
    public function onReadable(mixed $stream, callable $func): void;

    public function offReadable(mixed $stream): bool;

    /** Calls $func(mixed $stream) whenever the stream is writable (replaces an earlier callback). */
    public function onWritable(mixed $stream, callable $func): void;

    public function offWritable(mixed $stream): bool;

    /** Calls $func($signal) when the process receives the signal (replaces an earlier callback). */
    public function onSignal(int $signal, callable $func): void;

    public function offSignal(int $signal): bool;

    public function deleteAllTimer(): void;

    public function run(): void;

    public function stop(): void;

    public function getTimerCount(): int;

    /** $errorHandler(Throwable $e) receives what a loop callback throws. */
    public function setErrorHandler(callable $errorHandler): void;
}
