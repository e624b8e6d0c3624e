<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Connection;

/** The base of every connection class (an abstract class, as in Workerman). */
abstract class ConnectionInterface
{
    /** @var int */
    public const CONNECT_FAIL = 1;
    /** @var int */
    public const SEND_FAIL = 2;

    /**
     * Per-process counters shown by `status`: connection_count, total_request,
     * throw_exception, send_fail (filled in when the request starts).
     */
    public static array $statistics = [];

    public ?string $protocol = null;
    /** @var callable|null */
    public $onMessage = null;
    /** @var callable|null */
    public $onClose = null;
    /** @var callable|null */
    public $onError = null;

    abstract public function send(mixed $sendBuffer, bool $raw = false): ?bool;

    abstract public function getRemoteIp(): string;

    abstract public function getRemotePort(): int;

    abstract public function getRemoteAddress(): string;

    abstract public function getLocalIp(): string;

    abstract public function getLocalPort(): int;

    abstract public function getLocalAddress(): string;

    abstract public function close(mixed $data = null, bool $raw = false): void;

    abstract public function isIpV4(): bool;

    abstract public function isIpV6(): bool;
}
