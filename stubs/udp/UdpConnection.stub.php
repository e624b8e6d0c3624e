<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Connection;

/**
 * The sender of one datagram a `udp://` worker received (a new object per datagram, as in
 * Workerman): send() answers that sender. UDP has no connection, so onConnect and onClose
 * never run for it, and close() only sends its data: it never closes the worker's socket.
 */
class UdpConnection extends ConnectionInterface implements \JsonSerializable
{
    /** @var int */
    public const MAX_UDP_PACKAGE_SIZE = 65535;

    public string $transport = 'udp';

    /**
     * Sends one datagram (encoded by the protocol unless $raw). True if the kernel took it
     * whole, false otherwise (too large, no route, the socket is closed).
     */
    public function send(mixed $sendBuffer, bool $raw = false): bool {}

    public function getRemoteIp(): string {}

    public function getRemotePort(): int {}

    public function getRemoteAddress(): string {}

    public function getLocalIp(): string {}

    public function getLocalPort(): int {}

    public function getLocalAddress(): string {}

    /** Sends $data if given; later sends from this object return false. */
    public function close(mixed $data = null, bool $raw = false): void {}

    public function isIpV4(): bool {}

    public function isIpV6(): bool {}

    public function jsonSerialize(): array {}
}
