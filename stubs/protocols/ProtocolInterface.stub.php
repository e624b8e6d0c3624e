<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/**
 * What a user protocol class provides (optional to implement: any class with these
 * public static methods works, as in Workerman).
 */
interface ProtocolInterface
{
    /**
     * 0: more bytes are needed; N > 0: the first N bytes are one message; < 0: the input
     * is malformed (the connection is closed).
     */
    public static function input(string $buffer, \Surge\Connection\ConnectionInterface $connection): int;

    /** Turns one message's bytes into the value onMessage gets. */
    public static function decode(string $buffer, \Surge\Connection\ConnectionInterface $connection): mixed;

    /** Turns what send() was given into bytes ('' sends nothing). */
    public static function encode(mixed $data, \Surge\Connection\ConnectionInterface $connection): string;
}
