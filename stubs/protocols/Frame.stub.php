<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/** 4-byte big-endian total length, then the payload. Framed natively by the server. */
class Frame
{
    public static function input(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): int {}

    public static function encode(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): string {}

    public static function decode(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): string {}
}
