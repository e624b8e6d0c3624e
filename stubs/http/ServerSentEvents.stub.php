<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols\Http;

/** One event of a `text/event-stream` response (keys '', event, data, id, retry). */
class ServerSentEvents implements \Stringable
{
    protected array $data = [];

    public function __construct(array $data) {}

    public function __toString(): string {}
}
