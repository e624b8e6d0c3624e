<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Connection;

/**
 * An outgoing connection, opened from a worker process: `tcp://`, `text://`, `frame://`,
 * `ws://` (a WebSocket client) or the scheme of a user protocol class. The same
 * connection as an accepted one once connected (send, close, pauseRecv, buffer limits).
 */
class AsyncTcpConnection extends TcpConnection
{
    /** Seconds allowed for the name lookup and the connect together (Surge addition). */
    public float $connectTimeout = 60.0;
    /** WebSocket client: seconds between pings (0: none). */
    public float $websocketPingInterval = 0.0;
    /** WebSocket client: the Origin header of the handshake. */
    public ?string $websocketOrigin = null;
    /** WebSocket client: the Sec-WebSocket-Protocol header of the handshake. */
    public ?string $websocketClientProtocol = null;

    /** @param array $context socket options (accepted for compatibility). */
    public function __construct(string $remoteAddress, array $context = []) {}

    /** Starts connecting; onConnect or onError (code 1) follows from the event loop. */
    public function connect(): void {}

    /** Closes the current socket (if any) and connects again after $after seconds. */
    public function reconnect(int $after = 0): void {}

    public function cancelReconnect(): void {}

    /** The host as written in the address ("localhost"). */
    public function getRemoteHost(): string {}

    /** The whole address as given to the constructor. */
    public function getRemoteURI(): string {}

    public function send(mixed $sendBuffer, bool $raw = false): ?bool {}

    public function close(mixed $data = null, bool $raw = false): void {}

    public function getStatus(bool $rawOutput = true): int|string {}

    public function getRemoteIp(): string {}

    public function getRemotePort(): int {}

    public function getRemoteAddress(): string {}
}
