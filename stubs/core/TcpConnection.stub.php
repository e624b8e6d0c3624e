<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Connection;

/** An accepted TCP or Unix stream connection. */
class TcpConnection extends ConnectionInterface implements \JsonSerializable
{
    /** @var int */
    public const READ_BUFFER_SIZE = 87380;
    /** @var int */
    public const STATUS_INITIAL = 0;
    /** @var int */
    public const STATUS_CONNECTING = 1;
    /** @var int */
    public const STATUS_ESTABLISHED = 2;
    /** @var int */
    public const STATUS_ENDING = 4;
    /** @var int */
    public const STATUS_CLOSING = 8;
    /** @var int */
    public const STATUS_CLOSED = 16;

    /** @var callable|null */
    public $onConnect = null;
    /** @var callable|null */
    public $onBufferFull = null;
    /** @var callable|null */
    public $onBufferDrain = null;
    public string $transport = 'tcp';
    public ?\Surge\Worker $worker = null;
    /**
     * The connection's own state, as in Workerman (`$connection->context->user = ...`;
     * protocols keep theirs here): a stdClass made on first use, so connections that never
     * touch it pay nothing.
     */
    public \stdClass $context;
    public int $id = 0;
    public int $bytesRead = 0;
    public int $bytesWritten = 0;
    public int $maxSendBufferSize = 1048576;
    public int $maxPackageSize = 10485760;
    public float $lingerTimeout = 1.0;
    /**
     * HTTP: header lines (name => value or list of values) added to the next response.
     * WebSocket: header lines added to the 101 answer (set in onWebSocketConnect), either
     * as name => value or as whole "Name: value" lines.
     */
    public array $headers = [];
    /** @var callable|null */
    public $onWebSocketConnect = null;
    /** @var callable|null */
    public $onWebSocketConnected = null;
    /** @var callable|null */
    public $onWebSocketClose = null;
    /** @var callable|null */
    public $onWebSocketPing = null;
    /** @var callable|null */
    public $onWebSocketPong = null;
    /**
     * WebSocket: the frame type send() uses, Websocket::BINARY_TYPE_BLOB ("\x81", text,
     * the default) or Websocket::BINARY_TYPE_ARRAYBUFFER ("\x82", binary).
     */
    public ?string $websocketType = null;

    public static int $defaultMaxSendBufferSize = 1048576;
    public static int $defaultMaxPackageSize = 10485760;
    public static float $defaultLingerTimeout = 1.0;
    /** Every connection alive in this process, id => TcpConnection. */
    public static array $connections = [];

    /** true: written to the socket; null: queued; false: failed (closed, or buffer full). */
    public function send(mixed $sendBuffer, bool $raw = false): ?bool {}

    public function getRemoteIp(): string {}

    public function getRemotePort(): int {}

    public function getRemoteAddress(): string {}

    public function getLocalIp(): string {}

    public function getLocalPort(): int {}

    public function getLocalAddress(): string {}

    public function isIpV4(): bool {}

    public function isIpV6(): bool {}

    /** Sends $data if given, then closes once everything queued is written. */
    public function close(mixed $data = null, bool $raw = false): void {}

    /** Sends $data if given, half-closes, and closes after lingerTimeout seconds. */
    public function end(mixed $data = null, bool $raw = false): void {}

    /** Closes at once, dropping anything still queued. */
    public function destroy(): void {}

    public function pauseRecv(): void {}

    public function resumeRecv(): void {}

    public function bufferIsEmpty(): bool {}

    public function getSendBufferQueueSize(): int {}

    public function getRecvBufferQueueSize(): int {}

    /**
     * Forwards what this connection receives to $dest (send()), closes $dest when this one
     * closes, and pauses reading while $dest's send buffer is full (a proxy in four lines).
     * Replaces this connection's onMessage and onClose and $dest's onBufferFull and
     * onBufferDrain.
     */
    public function pipe(TcpConnection $dest): void {}

    /**
     * This connection's id in the whole server, and in a cluster ("node:pid:id"): what
     * Worker::sendToClient(), closeClient() and isOnline() take.
     */
    public function getClientId(): string {}

    /**
     * Binds this connection to a user id (one per connection; binding another replaces
     * it), so that Worker::sendToUid() reaches it from any process. Up to 64 bytes.
     */
    public function bindUid(int|string $uid): void {}

    public function unbindUid(): void {}

    public function getUid(): ?string {}

    /** Joins a group (up to 64 bytes), reached by Worker::sendToGroup() from any process. */
    public function joinGroup(int|string $group): void {}

    public function leaveGroup(int|string $group): void {}

    /** The groups this connection joined. */
    public function getGroups(): array {}

    /** Drops bytes from the head of the receive buffer (for protocol input() methods). */
    public function consumeRecvBuffer(int $length): void {}

    public function getStatus(bool $rawOutput = true): int|string {}

    public function jsonSerialize(): array {}
}

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

    /** A SOCKS5 proxy to connect through, 'host:port' ('' for none); names are resolved by the proxy. */
    public string $proxySocks5 = '';
    public string $proxySocks5Username = '';
    public string $proxySocks5Password = '';
    /** An HTTP proxy to connect through with CONNECT, 'host:port' ('' for none). */
    public string $proxyHttp = '';
    /** proxyHttp: the Proxy-Authorization header, e.g. 'Basic ' . base64_encode('user:password'). */
    public string $proxyAuthorization = '';

    /**
     * @param array $context PHP stream context options: 'ssl' (TLS, see README) and
     *   'socket' => ['bindto' => 'ip:port', 'tcp_nodelay' => bool, 'so_reuseport' => bool].
     */
    public function __construct(string $remoteAddress, array $socketContext = []) {}

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
