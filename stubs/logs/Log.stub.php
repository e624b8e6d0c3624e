<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * Leveled log lines with a context, as PSR-3 loggers (monolog) write them, into the same
 * log as Worker::log() (Worker::$logFile, echoed unless daemonized). Lines below
 * Worker::$logLevel are dropped. The context is written as a JSON object: after the
 * message in the text format, as "context" in the JSON format (Worker::$logFormat).
 */
final class Log
{
    public static function debug(string|\Stringable $message, array $context = []): void {}

    public static function info(string|\Stringable $message, array $context = []): void {}

    public static function notice(string|\Stringable $message, array $context = []): void {}

    public static function warning(string|\Stringable $message, array $context = []): void {}

    public static function error(string|\Stringable $message, array $context = []): void {}

    /** $level: 'debug', 'info', 'notice', 'warning' or 'error' (ValueError otherwise). */
    public static function log(string $level, string|\Stringable $message, array $context = []): void {}

    /** Whether a line of this level would be written (Worker::$logLevel). */
    public static function enabled(string $level): bool {}
}
