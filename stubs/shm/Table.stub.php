<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * A fixed-capacity hash table in shared memory, for the processes of one machine (the API
 * of Swoole\Table). Declare the columns, call create() before Worker::runAll(), and every
 * worker process inherits the same rows. Keys are 1 to 63 bytes; the table holds exactly
 * the number of rows given to the constructor, and its memory (getMemorySize()) is fixed
 * at create(). Every operation on a row is atomic across processes.
 * @not-serializable
 */
final class Table implements \Iterator, \Countable
{
    /** @var int */
    public const TYPE_INT = 1;
    /** @var int */
    public const TYPE_FLOAT = 2;
    /** @var int */
    public const TYPE_STRING = 3;
    /**
     * Longest key, in bytes.
     * @var int
     */
    public const MAX_KEY_LENGTH = 63;

    /** $size: the number of rows the table holds (1 to 2^30). */
    public function __construct(int $size) {}

    /** $size: the bytes a TYPE_STRING column holds (ignored for numbers: 8 bytes). */
    public function column(string $name, int $type, int $size = 0): bool {}

    /** Maps the shared memory; columns are fixed from now on. Call it once, before Worker::runAll(). */
    public function create(): bool {}

    /** Writes the columns given in $value (the others keep their value, or 0/"" for a new row). */
    public function set(string $key, array $value): bool {}

    /** The whole row as an array, or one column's value; false when the key is absent. */
    public function get(string $key, ?string $column = null): array|int|float|string|false {}

    public function exists(string $key): bool {}

    public function del(string $key): bool {}

    /** Adds $by to an int or float column atomically (creating the row if missing); returns the new value. */
    public function incr(string $key, string $column, int|float $by = 1): int|float {}

    /** Subtracts $by from an int or float column atomically (creating the row if missing); returns the new value. */
    public function decr(string $key, string $column, int|float $by = 1): int|float {}

    /** Rows in use. */
    public function count(): int {}

    /** The number of rows the table holds. */
    public function getSize(): int {}

    /** Bytes of shared memory the table maps (known once the columns are declared). */
    public function getMemorySize(): int {}

    public function rewind(): void {}

    public function valid(): bool {}

    public function current(): array|false {}

    public function key(): string|false {}

    public function next(): void {}
}
