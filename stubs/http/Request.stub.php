<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols\Http;

/**
 * One HTTP request, as the server framed it. Nothing is parsed until asked; what was
 * parsed is cached in $data, which subclasses may read and write.
 */
#[\AllowDynamicProperties]
class Request implements \Stringable
{
    public ?\Surge\Connection\TcpConnection $connection = null;
    public static int $maxFileUploads = 1024;
    public array $properties = [];
    public array $context = [];
    protected array $data = [];
    protected string $buffer = '';
    protected ?array $chunkTrailers = null;

    public function __construct(string $buffer) {}

    public function get(?string $name = null, mixed $default = null): mixed {}

    public function post(?string $name = null, mixed $default = null): mixed {}

    public function header(?string $name = null, mixed $default = null): mixed {}

    public function trailer(?string $name = null, mixed $default = null): mixed {}

    public function cookie(?string $name = null, mixed $default = null): mixed {}

    public function file(?string $name = null): mixed {}

    public function method(): string {}

    public function protocolVersion(): string {}

    public function host(bool $withoutPort = false): ?string {}

    public function uri(): string {}

    public function path(): string {}

    public function queryString(): string {}

    public function session(): Session {}

    public function sessionId(?string $sessionId = null): string {}

    public function isValidSessionId(mixed $sessionId): bool {}

    public function sessionRegenerateId(bool $deleteOldSession = false): string {}

    public static function createSessionId(): string {}

    public function rawHead(): string {}

    public function rawBody(): string {}

    public function rawBuffer(): string {}

    public function setChunkTrailers(array $value): void {}

    public function destroy(): void {}

    public function __toString(): string {}

    public function __get(string $name): mixed {}

    public function __set(string $name, mixed $value): void {}

    public function __isset(string $name): bool {}

    public function __unset(string $name): void {}
}
