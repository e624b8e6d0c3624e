<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/** Newline-delimited text. The server frames it natively; these are for PHP callers. */
class Text
{
    public static function input(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): int {}

    public static function encode(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): string {}

    public static function decode(string $buffer, ?\Surge\Connection\ConnectionInterface $connection = null): string {}
}
