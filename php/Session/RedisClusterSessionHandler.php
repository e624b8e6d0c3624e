<?php

declare(strict_types=1);

namespace Surge\Protocols\Http\Session;

/**
 * RedisSessionHandler on a Redis Cluster: the same keys and expiry, through \RedisCluster,
 * which finds the node of each key itself.
 *
 * Configuration: [
 *     'host' => ['127.0.0.1:7000', '127.0.0.1:7001', ...] (seed nodes, required), 'timeout' => 2,
 *     'read_timeout' => timeout, 'persistent' => false, 'auth' => password or [user, password],
 *     'prefix' => 'redis_session_',
 * ]
 */
class RedisClusterSessionHandler extends RedisSessionHandler
{
    protected function normalizeConfig(array $config): array
    {
        if (empty($config['host'])) {
            throw new \InvalidArgumentException(static::class . " needs 'host': the seed nodes of the cluster,"
                . " like ['127.0.0.1:7000', '127.0.0.1:7001']");
        }
        $config['host'] = (array)$config['host'];
        $config += ['timeout' => 2, 'persistent' => false, 'auth' => ''];
        $config += ['read_timeout' => $config['timeout']];
        if (empty($config['prefix'])) {
            $config['prefix'] = 'redis_session_';
        }
        return $config;
    }

    protected function connect(): \Redis|\RedisCluster
    {
        $args = [null, $this->config['host'], (float)$this->config['timeout'], (float)$this->config['read_timeout'],
            (bool)$this->config['persistent']];
        if (!empty($this->config['auth'])) {
            $args[] = $this->config['auth'];
        }
        try {
            $cluster = new \RedisCluster(...$args);
        } catch (\RedisClusterException|\RedisException $e) {
            throw new \RuntimeException(static::class . ' cannot use the redis cluster at '
                . implode(', ', $this->config['host']) . ': ' . $e->getMessage(), 0, $e);
        }
        $cluster->setOption(\Redis::OPT_PREFIX, (string)$this->config['prefix']);
        return $cluster;
    }
}
