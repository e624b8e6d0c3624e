<?php

declare(strict_types=1);

namespace Surge\Protocols\Http;

use Surge\Protocols\Http\Session\FileSessionHandler;
use Surge\Protocols\Http\Session\SessionHandlerInterface;

/**
 * The data of one HTTP session, kept by a SessionHandlerInterface between requests.
 *
 * Request::session() makes one per request. The data is read when the object is built and
 * written back when it is destroyed (normally when the request is done with), and only if
 * it changed: a request that only reads its session costs one read.
 *
 * This is not ext/session: nothing here touches $_SESSION, session_start() or the session.*
 * handlers, which assume one request per process. Only the session.* ini settings are read,
 * once, so a php.ini configures both in the same way.
 */
class Session
{
    /** Name of the cookie that carries the session id. */
    public static string $name = 'PHPSID';

    /** Whether a session that was read but not changed has its expiry pushed back anyway. */
    public static bool $autoUpdateTimestamp = false;

    /** Seconds a session lives after its last write (session.gc_maxlifetime). */
    public static int $lifetime = 1440;

    /** Max-Age of the session cookie in seconds; 0 makes it a browser-session cookie. */
    public static int $cookieLifetime = 1440;

    public static string $cookiePath = '/';
    public static string $domain = '';
    public static bool $secure = false;
    public static bool $httpOnly = true;
    public static string $sameSite = '';

    /**
     * [numerator, denominator]: the chance that destroying a Session also runs gc(). Garbage
     * collection scans the whole store, so it runs rarely and at random, spread over requests.
     */
    public static array $gcProbability = [1, 20000];

    /** The SessionHandlerInterface class, and what its constructor gets (if not null). */
    protected static string $handlerClass = FileSessionHandler::class;
    protected static mixed $handlerConfig = null;

    /** One handler per process, made on first use (a Redis connection, for example). */
    protected static ?SessionHandlerInterface $handler = null;

    protected array $data = [];
    protected bool $needSave = false;
    protected string $sessionId;

    /** False for an object that came out of unserialize(): it must never write anything. */
    protected bool $isSafe = true;

    /** The handler this session was read from, so that it is written back to the same one. */
    private SessionHandlerInterface $store;

    public function __construct(string $sessionId)
    {
        $this->store = static::handler();
        $this->sessionId = $sessionId;
        $raw = $this->store->read($sessionId);
        if (is_string($raw) && $raw !== '') {
            // Session data may have been written by anyone who can write to the store:
            // never let it create objects (and run their __wakeup/__destruct).
            $data = unserialize($raw, ['allowed_classes' => false]);
            $this->data = is_array($data) ? $data : [];
        }
    }

    public function getId(): string
    {
        return $this->sessionId;
    }

    public function get(string $name, mixed $default = null): mixed
    {
        return $this->data[$name] ?? $default;
    }

    public function set(string $name, mixed $value): void
    {
        $this->data[$name] = $value;
        $this->needSave = true;
    }

    public function delete(string $name): void
    {
        unset($this->data[$name]);
        $this->needSave = true;
    }

    /** Returns an item and removes it (a "flash" value). */
    public function pull(string $name, mixed $default = null): mixed
    {
        $value = $this->get($name, $default);
        $this->delete($name);
        return $value;
    }

    /** Stores one item, or every item of an array of name => value. */
    public function put(array|string $key, mixed $value = null): void
    {
        if (is_string($key)) {
            $this->set($key, $value);
            return;
        }
        foreach ($key as $name => $item) {
            $this->data[$name] = $item;
        }
        $this->needSave = true;
    }

    /** Removes one item, or every item named in an array. */
    public function forget(array|string $name): void
    {
        foreach ((array)$name as $item) {
            unset($this->data[$item]);
        }
        $this->needSave = true;
    }

    public function all(): array
    {
        return $this->data;
    }

    /** Removes every item; the session is destroyed in the store when saved. */
    public function flush(): void
    {
        $this->data = [];
        $this->needSave = true;
    }

    /** True if the item is set and not null (isset()). */
    public function has(string $name): bool
    {
        return isset($this->data[$name]);
    }

    /** True if the item is there, even when it is null. */
    public function exists(string $name): bool
    {
        return array_key_exists($name, $this->data);
    }

    /**
     * Writes the data if it changed (an emptied session is destroyed rather than stored
     * empty); otherwise only refreshes its timestamp when $autoUpdateTimestamp says so.
     */
    public function save(): void
    {
        if ($this->needSave) {
            if ($this->data === []) {
                $this->store->destroy($this->sessionId);
            } elseif (!$this->store->write($this->sessionId, serialize($this->data))) {
                // Most callers never look (save() runs in __destruct): say it where it is seen.
                trigger_error('Session ' . $this->sessionId . ' could not be saved by ' . get_class($this->store),
                    E_USER_WARNING);
            }
            $this->needSave = false;
        } elseif (static::$autoUpdateTimestamp) {
            $this->refresh();
        }
    }

    /** Pushes the session's expiry back without rewriting it. */
    public function refresh(): bool
    {
        return $this->store->updateTimestamp($this->sessionId);
    }

    /** Removes every session of the store older than $lifetime. */
    public function gc(): void
    {
        $this->store->gc(static::$lifetime);
    }

    /**
     * Takes the defaults from the session.* ini settings when ext/session is there (it is
     * optional: without it the values above stay). Runs when this class is loaded.
     */
    public static function init(): void
    {
        if (!function_exists('session_get_cookie_params')) {
            return;
        }
        $probability = (int)ini_get('session.gc_probability');
        $divisor = (int)ini_get('session.gc_divisor');
        if ($probability > 0 && $divisor > 0) {
            static::$gcProbability = [$probability, $divisor];
        }
        $maxLifetime = (int)ini_get('session.gc_maxlifetime');
        if ($maxLifetime > 0) {
            static::$lifetime = $maxLifetime;
        }
        $cookie = session_get_cookie_params();
        static::$cookieLifetime = (int)$cookie['lifetime'];
        static::$cookiePath = (string)$cookie['path'];
        static::$domain = (string)$cookie['domain'];
        static::$secure = (bool)$cookie['secure'];
        static::$httpOnly = (bool)$cookie['httponly'];
        static::$sameSite = (string)($cookie['samesite'] ?? '');
    }

    /**
     * Gets, or sets and returns, the handler class; $config, if given, is passed to its
     * constructor. Setting either drops the handler in use, so the next Session uses the new one.
     */
    public static function handlerClass(mixed $className = null, mixed $config = null): string
    {
        if ($className) {
            static::$handlerClass = (string)$className;
            static::$handler = null;
        }
        if ($config) {
            static::$handlerConfig = $config;
            static::$handler = null;
        }
        return static::$handlerClass;
    }

    /** The cookie attributes, with the keys of session_get_cookie_params(). */
    public static function getCookieParams(): array
    {
        return [
            'lifetime' => static::$cookieLifetime,
            'path' => static::$cookiePath,
            'domain' => static::$domain,
            'secure' => static::$secure,
            'httponly' => static::$httpOnly,
            'samesite' => static::$sameSite,
        ];
    }

    /** The process's handler, made on first use. */
    protected static function handler(): SessionHandlerInterface
    {
        if (static::$handler === null) {
            static::initHandler();
        }
        return static::$handler;
    }

    protected static function initHandler(): void
    {
        $class = static::$handlerClass;
        if (!is_subclass_of($class, SessionHandlerInterface::class)) {
            throw new \InvalidArgumentException(
                "Session handler class $class does not exist or does not implement " . SessionHandlerInterface::class);
        }
        static::$handler = static::$handlerConfig === null ? new $class() : new $class(static::$handlerConfig);
    }

    public function __wakeup(): void
    {
        $this->isSafe = false;
    }

    /** Saves, and now and then collects garbage (see $gcProbability). */
    public function __destruct()
    {
        if (!$this->isSafe) {
            return;
        }
        $this->save();
        [$numerator, $denominator] = static::$gcProbability + [0, 0];
        if ($numerator > 0 && $denominator > 0 && random_int(1, (int)$denominator) <= $numerator) {
            $this->gc();
        }
    }
}

Session::init();
