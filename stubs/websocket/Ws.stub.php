<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/**
 * The WebSocket client protocol of `new AsyncTcpConnection('ws://...')` (and wss://). The
 * client handshakes, masks and reassembles natively; these constants are the values of
 * `$connection->websocketType` that choose text or binary frames.
 */
class Ws
{
    /**
     * "\x81": text frames (the default).
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
}
