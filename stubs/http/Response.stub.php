<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge\Protocols\Http;

/**
 * An HTTP response to send with $connection->send(). Also has the constant PHRASES
 * (status code => reason phrase, 100..511), declared at startup from the native table.
 */
#[\AllowDynamicProperties]
class Response implements \Stringable
{
    public ?array $file = null;
    protected array $headers = [];
    protected int $status = 200;
    protected ?string $reason = null;
    protected string $version = '1.1';
    protected string $body = '';

    public function __construct(int $status = 200, array $headers = [], string $body = '') {}

    public function header(string $name, string|array $value): static {}

    public function withHeader(string $name, string|array $value): static {}

    public function withHeaders(array $headers): static {}

    public function withoutHeader(string $name): static {}

    public function getHeader(string $name): mixed {}

    public function getHeaders(): array {}

    public function withStatus(int $code, ?string $reasonPhrase = null): static {}

    public function getStatusCode(): int {}

    public function getReasonPhrase(): ?string {}

    public function withProtocolVersion(string $version): static {}

    public function withBody(string $body): static {}

    public function rawBody(): string {}

    public function withFile(string $file, int $offset = 0, int $length = 0): static {}

    public function cookie(string $name, string $value = '', ?int $maxAge = null, string $path = '', string $domain = '', bool $secure = false, bool $httpOnly = false, string $sameSite = ''): static {}

    public static function getMimeType(string $extension): string {}

    public function __toString(): string {}
}
