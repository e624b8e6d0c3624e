<?php

declare(strict_types=1);

namespace Surge\Connection;

/**
 * TcpConnection::pipe(): what one connection receives is sent on another, and the
 * source stops reading while the destination's send buffer is full (back-pressure), as
 * in Workerman. Closures are plainer in PHP than in C++, so the wiring lives here.
 *
 * @internal called by TcpConnection::pipe()
 */
final class Pipe
{
    public static function connect(TcpConnection $source, TcpConnection $dest): void
    {
        $source->onMessage = static function (TcpConnection $source, mixed $data) use ($dest): void {
            $dest->send($data);
        };
        $source->onClose = static function () use ($dest): void {
            $dest->close();
        };
        $dest->onBufferFull = static function () use ($source): void {
            $source->pauseRecv();
        };
        $dest->onBufferDrain = static function () use ($source): void {
            $source->resumeRecv();
        };
    }
}
