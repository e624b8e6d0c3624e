<?php

declare(strict_types=1);

namespace Surge\Protocols\Http\Session;

/**
 * Where Session keeps its data. The methods mirror PHP's own \SessionHandlerInterface
 * (plus updateTimestamp()), so a handler written for ext/session or for Workerman 5 is a
 * small step away; the data passed in and out is the already serialized session.
 */
interface SessionHandlerInterface
{
    /** Prepares the store; the file and Redis handlers need nothing here. */
    public function open(string $savePath, string $name): bool;

    /** Releases what open() took. */
    public function close(): bool;

    /** The serialized data of a session, or '' / false when there is none. */
    public function read(string $sessionId): string|false;

    /** Stores the serialized data of a session, replacing what was there. */
    public function write(string $sessionId, string $sessionData): bool;

    /** Removes a session. Removing one that does not exist is not an error. */
    public function destroy(string $sessionId): bool;

    /** Removes the sessions untouched for more than $maxLifetime seconds. */
    public function gc(int $maxLifetime): bool;

    /** Marks a session as used now without rewriting its data. */
    public function updateTimestamp(string $sessionId, string $data = ""): bool;
}
