<?php

declare(strict_types=1);

namespace Surge\Protocols\Http\Session;

use Surge\Protocols\Http\Session;

/**
 * Keeps each session in Redis under `<prefix><id>`, expiring Session::$lifetime seconds after
 * its last write, so Redis collects the garbage and gc() has nothing to do.
 *
 * A Surge worker handles one request at a time, so one connection per process is enough (no
 * pool). The connection is made in the process that uses it: one inherited across fork()
 * would be shared with the parent. A command that fails on a connection the server dropped
 * (idle timeout, restart) is retried once on a new connection.
 */
class RedisSessionHandler implements SessionHandlerInterface
{
    /** The configuration with its defaults filled in. */
    protected array $config;

    protected \Redis|\RedisCluster|null $redis = null;

    /** The process that made $redis. */
    private int $pid = 0;

    /**
     * @param array $config [
     *     'host' => '127.0.0.1', 'port' => 6379, 'timeout' => 2 (seconds),
     *     'auth' => password or [user, password], 'database' => 0, 'prefix' => 'redis_session_',
     * ]
     */
    public function __construct(array $config = [])
    {
        if (!extension_loaded('redis')) {
            throw new \RuntimeException(static::class . ' needs the redis extension (ext-redis), which is not loaded:'
                . ' install it (apt-get install php-redis, or pecl install redis) and add extension=redis to php.ini');
        }
        $this->config = $this->normalizeConfig($config);
        // Connect now, so that a wrong address or password shows at once.
        $this->connection();
    }

    public function open(string $savePath, string $name): bool
    {
        return true;
    }

    public function close(): bool
    {
        return true;
    }

    public function read(string $sessionId): string|false
    {
        $data = $this->call('get', $sessionId);
        return is_string($data) ? $data : false;
    }

    public function write(string $sessionId, string $sessionData): bool
    {
        return $this->call('setex', $sessionId, max(1, Session::$lifetime), $sessionData) === true;
    }

    public function updateTimestamp(string $sessionId, string $data = ""): bool
    {
        return $this->call('expire', $sessionId, max(1, Session::$lifetime)) === true;
    }

    public function destroy(string $sessionId): bool
    {
        $this->call('del', $sessionId);
        return true;
    }

    /** Keys expire by themselves. */
    public function gc(int $maxLifetime): bool
    {
        return true;
    }

    protected function normalizeConfig(array $config): array
    {
        $config += ['host' => '127.0.0.1', 'port' => 6379, 'timeout' => 2, 'auth' => '', 'database' => 0];
        if (empty($config['prefix'])) {
            $config['prefix'] = 'redis_session_';
        }
        return $config;
    }

    /** Opens a new connection with the configuration (throws \RuntimeException if it cannot). */
    protected function connect(): \Redis|\RedisCluster
    {
        $host = (string)$this->config['host'];
        $port = (int)$this->config['port'];
        $redis = new \Redis();
        try {
            if (!$redis->connect($host, $port, (float)$this->config['timeout'])) {
                throw new \RedisException('connect() failed');
            }
            if (!empty($this->config['auth']) && !$redis->auth($this->config['auth'])) {
                throw new \RedisException('AUTH failed: ' . $redis->getLastError());
            }
            if (!empty($this->config['database']) && !$redis->select((int)$this->config['database'])) {
                throw new \RedisException('SELECT ' . $this->config['database'] . ' failed: ' . $redis->getLastError());
            }
        } catch (\RedisException $e) {
            throw new \RuntimeException(static::class . " cannot use redis at $host:$port: " . $e->getMessage(), 0, $e);
        }
        $redis->setOption(\Redis::OPT_PREFIX, (string)$this->config['prefix']);
        return $redis;
    }

    /** This process's connection, made if there is none yet. */
    protected function connection(): \Redis|\RedisCluster
    {
        $pid = getmypid();
        if ($this->redis === null || $this->pid !== $pid) {
            $this->redis = null;
            $this->redis = $this->connect();
            $this->pid = $pid;
        }
        return $this->redis;
    }

    /** Runs a command, once more on a new connection if the first attempt failed on the wire. */
    protected function call(string $command, mixed ...$args): mixed
    {
        try {
            return $this->connection()->$command(...$args);
        } catch (\RedisException|\RedisClusterException) {
            $this->redis = null;
            return $this->connection()->$command(...$args);
        }
    }
}
