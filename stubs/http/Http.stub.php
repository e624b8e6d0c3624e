<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols;

/**
 * HTTP/1.1. Servers (`http://` workers) frame requests and encode responses natively;
 * these statics configure that.
 */
class Http
{
    /**
     * "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
     * @var string
     * @cvalue SURGE_HTTP_400
     */
    public const HTTP_400 = UNKNOWN;
    /**
     * "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n"
     * @var string
     * @cvalue SURGE_HTTP_413
     */
    public const HTTP_413 = UNKNOWN;
    /**
     * "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"
     * @var string
     * @cvalue SURGE_HTTP_431
     */
    public const HTTP_431 = UNKNOWN;
    /** @var int */
    public const MAX_HEADER_LENGTH = 16384;

    /** Gets, or sets and returns, the class (Request or a subclass) requests are made of. */
    public static function requestClass(?string $className = null): string {}

    /** Gets, or sets and returns, the folder uploaded files are written to. */
    public static function uploadTmpDir(?string $dir = null): string {}
}
