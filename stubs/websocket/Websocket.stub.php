<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/**
 * WebSocket (RFC 6455). Servers (`websocket://` workers) do the opening handshake, frame,
 * unmask, reassemble and validate natively and hand whole messages to onMessage; what the
 * application sends is framed with `$connection->websocketType`.
 */
class Websocket
{
    /**
     * "\x81": text frames (the default `$connection->websocketType`).
     * @var string
     * @cvalue SURGE_WS_BINARY_TYPE_BLOB
     */
    public const BINARY_TYPE_BLOB = UNKNOWN;
    /**
     * "\x82": binary frames.
     * @var string
     * @cvalue SURGE_WS_BINARY_TYPE_ARRAYBUFFER
     */
    public const BINARY_TYPE_ARRAYBUFFER = UNKNOWN;
    /**
     * "\xc1": text frames, compressed when permessage-deflate was agreed (Workerman's
     * manual mode: onWebSocketConnect sets this and its own Sec-WebSocket-Extensions line).
     * @var string
     * @cvalue SURGE_WS_BINARY_TYPE_BLOB_DEFLATE
     */
    public const BINARY_TYPE_BLOB_DEFLATE = UNKNOWN;
    /**
     * "\xc2": binary frames, compressed when permessage-deflate was agreed.
     * @var string
     * @cvalue SURGE_WS_BINARY_TYPE_ARRAYBUFFER_DEFLATE
     */
    public const BINARY_TYPE_ARRAYBUFFER_DEFLATE = UNKNOWN;

    /**
     * Sends one message to every open WebSocket connection in $connections (of any
     * websocket:// worker of this process), encoding the frame once, as
     * Worker::broadcast() does. Returns how many connections got it; other values and
     * connections still in their handshake are skipped.
     */
    public static function broadcast(array $connections, string $message): int {}
}
