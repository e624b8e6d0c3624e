<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols\Http;

/** One chunk of a `Transfer-Encoding: chunked` response; an empty one ends it. */
class Chunk implements \Stringable
{
    protected string $buffer = '';

    public function __construct(string $buffer) {}

    public function __toString(): string {}
}
