<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Connection;

/**
 * A UDP client: `new AsyncUdpConnection('udp://host:port')`, or a protocol over UDP
 * (`text://host:port`), or a Unix datagram socket (`unix:///path`). connect() (or the
 * first send()) opens the socket and calls onConnect; each datagram the peer sends is
 * decoded and passed to onMessage. A datagram refused by the peer's host (nothing
 * listens there: ICMP port unreachable) is reported to onError with SEND_FAIL.
 */
class AsyncUdpConnection extends UdpConnection
{
    /** @var callable|null */
    public $onConnect = null;

    public function __construct(string $remoteAddress, array $contextOption = []) {}

    public function connect(): void {}
}
