--TEST--
Session: RedisSessionHandler (auth, database, prefix, setex with Session::$lifetime, one connection per process, one reconnect after a dropped connection, clear errors) and RedisClusterSessionHandler, against real redis-servers
--SKIPIF--
<?php
require __DIR__ . '/session.inc';
if ($reason = session_redis_skip_reason()) {
    die("skip $reason");
}
?>
--FILE--
<?php
require __DIR__ . '/session.inc';
$redis = RedisTestServer::start(['--requirepass', 'secret']);
$cluster = RedisTestServer::start(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
    '--cluster-announce-ip', '127.0.0.1']);
$closedPort = TestServer::freePort();

echo session_run("const PORT = {$redis->port}; const CLUSTER_PORT = {$cluster->port}; const CLOSED_PORT = $closedPort;\n" . <<<'PHP'
use Surge\Protocols\Http\Session;
use Surge\Protocols\Http\Session\RedisSessionHandler;
use Surge\Protocols\Http\Session\RedisClusterSessionHandler;

$raw = new Redis();
$raw->connect('127.0.0.1', PORT);
$raw->auth('secret');
$raw->select(3);
$connections = fn() => (int)$raw->info('stats')['total_connections_received'];
$ttlOk = fn(string $key) => ($ttl = $raw->ttl($key)) > 0 && $ttl <= 300 ? 'ttl ok' : "ttl $ttl";
Session::$gcProbability = [0, 1];
Session::$lifetime = 300;
$config = ['host' => '127.0.0.1', 'port' => PORT, 'auth' => 'secret', 'database' => 3];
Session::handlerClass(RedisSessionHandler::class, $config);
$id = str_repeat('r', 32);
$key = "redis_session_$id";

echo "-- written with setex under the prefix, in the configured database\n";
$before = $connections();
$s = new Session($id);
var_dump($s->all());
$s->set('user', 'ann');
$s->put(['n' => [1, 2]]);
unset($s);
var_dump($raw->keys('*'), $raw->get($key) === serialize(['user' => 'ann', 'n' => [1, 2]]), $ttlOk($key));
$raw->select(0);
var_dump($raw->dbSize());
$raw->select(3);
var_dump((new Session($id))->all());

echo "-- refresh() and autoUpdateTimestamp push the expiry back to Session::\$lifetime\n";
$raw->expire($key, 10);
$s = new Session($id);
var_dump($s->refresh(), $ttlOk($key));
unset($s);
$raw->expire($key, 10);
Session::$autoUpdateTimestamp = true;
$s = new Session($id);
unset($s);
Session::$autoUpdateTimestamp = false;
var_dump($ttlOk($key));
$h = new RedisSessionHandler($config);
var_dump($h->updateTimestamp('nosuchsession0000'), $h->read('nosuchsession0000'), $h->gc(1), $h->open('', ''), $h->close());
unset($h);
echo 'connections made: ', $connections() - $before, "\n";

echo "-- a connection the server dropped is replaced once, transparently\n";
$before = $connections();
$raw->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
var_dump((new Session($id))->get('user'));
var_dump((new Session($id))->get('user'));
echo 'connections made: ', $connections() - $before, "\n";

echo "-- a command whose connection breaks before the answer is sent again, once, on a new connection\n";
// A fake server: the first connection hangs up on its first command, the second answers.
$fake = stream_socket_server('tcp://127.0.0.1:0');
$fakePort = (int)substr(strrchr(stream_socket_get_name($fake, false), ':'), 1);
$pid = pcntl_fork();
if ($pid === 0) {
    $first = stream_socket_accept($fake, 10);
    stream_set_timeout($first, 10);
    $seen = [fread($first, 4096)];
    fclose($first);
    $second = stream_socket_accept($fake, 10);
    stream_set_timeout($second, 10);
    $seen[] = fread($second, 4096);
    $data = serialize(['from' => 'second connection']);
    fwrite($second, '$' . strlen($data) . "\r\n$data\r\n");
    file_put_contents(TEST_DIR . '/fake.log', json_encode($seen) . "\n");
    fread($second, 4096); // until the client hangs up
    exit(0);
}
fclose($fake);
$h = new RedisSessionHandler(['port' => $fakePort, 'timeout' => 5]);
var_dump(unserialize($h->read($id)));
unset($h);
pcntl_waitpid($pid, $status);
echo file_get_contents(TEST_DIR . '/fake.log');

echo "-- a forked child makes its own connection\n";
$before = $connections();
$pid = pcntl_fork();
if ($pid === 0) {
    $s = new Session($id);
    $s->set('child', getmypid());
    unset($s);
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status), (new Session($id))->get('child') === $pid);
echo 'connections made: ', $connections() - $before, "\n";

echo "-- emptied: the key is deleted\n";
$s = new Session($id);
$s->flush();
unset($s);
var_dump($raw->exists($key));

echo "-- another prefix; an empty prefix means the default\n";
Session::handlerClass(RedisSessionHandler::class, $config + ['prefix' => 'app:sess:']);
$s = new Session($id);
$s->set('a', 1);
unset($s);
Session::handlerClass(RedisSessionHandler::class, $config + ['prefix' => '']);
$s = new Session($id);
$s->set('b', 2);
unset($s);
$keys = $raw->keys('*');
sort($keys);
var_dump($keys);

echo "-- errors say which server and why\n";
foreach ([['host' => '127.0.0.1', 'port' => CLOSED_PORT, 'timeout' => 1], ['port' => PORT, 'auth' => 'wrong'],
          ['port' => PORT, 'auth' => 'secret', 'database' => 99]] as $bad) {
    try {
        new RedisSessionHandler($bad);
        echo "no error\n";
    } catch (RuntimeException $e) {
        echo get_class($e), ': ', str_replace([(string)PORT, (string)CLOSED_PORT], ['PORT', 'CLOSED_PORT'], $e->getMessage()),
            ' (', get_class($e->getPrevious()), ")\n";
    }
}

// Without a password nothing fails until the first command.
try {
    (new RedisSessionHandler(['port' => PORT]))->read($id);
} catch (RedisException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "-- Redis Cluster\n";
$node = new Redis();
$node->connect('127.0.0.1', CLUSTER_PORT);
var_dump($node->rawCommand('CLUSTER', 'ADDSLOTSRANGE', '0', '16383'));
$deadline = microtime(true) + 10;
while (!str_contains($node->rawCommand('CLUSTER', 'INFO'), 'cluster_state:ok') && microtime(true) < $deadline) {
    usleep(50000);
}
Session::handlerClass(RedisClusterSessionHandler::class, ['host' => ['127.0.0.1:' . CLUSTER_PORT], 'prefix' => 'c:']);
$s = new Session($id);
$s->set('where', 'cluster');
unset($s);
var_dump($node->keys('*'), $node->get("c:$id") === serialize(['where' => 'cluster']), (new Session($id))->get('where'));
try {
    new RedisClusterSessionHandler(['timeout' => 1]);
} catch (InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new RedisClusterSessionHandler(['host' => ['127.0.0.1:' . CLOSED_PORT], 'timeout' => 1]);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', str_replace((string)CLOSED_PORT, 'CLOSED_PORT', $e->getMessage()), "\n";
}
echo "end\n";
PHP, session_redis_flags(), 60);
$redis->stop();
$cluster->stop();
?>
--EXPECTF--
-- written with setex under the prefix, in the configured database
array(0) {
}
array(1) {
  [0]=>
  string(46) "redis_session_rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
}
bool(true)
string(6) "ttl ok"
int(0)
array(2) {
  ["user"]=>
  string(3) "ann"
  ["n"]=>
  array(2) {
    [0]=>
    int(1)
    [1]=>
    int(2)
  }
}
-- refresh() and autoUpdateTimestamp push the expiry back to Session::$lifetime
bool(true)
string(6) "ttl ok"
string(6) "ttl ok"
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
connections made: 2
-- a connection the server dropped is replaced once, transparently
string(3) "ann"
string(3) "ann"
connections made: 1
-- a command whose connection breaks before the answer is sent again, once, on a new connection
array(1) {
  ["from"]=>
  string(17) "second connection"
}
["*2\r\n$3\r\nGET\r\n$46\r\nredis_session_rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\r\n","*2\r\n$3\r\nGET\r\n$46\r\nredis_session_rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\r\n"]
-- a forked child makes its own connection
int(0)
bool(true)
connections made: 1
-- emptied: the key is deleted
int(0)
-- another prefix; an empty prefix means the default
array(2) {
  [0]=>
  string(41) "app:sess:rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
  [1]=>
  string(46) "redis_session_rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
}
-- errors say which server and why
RuntimeException: Surge\Protocols\Http\Session\RedisSessionHandler cannot use redis at 127.0.0.1:CLOSED_PORT: %s (RedisException)
RuntimeException: Surge\Protocols\Http\Session\RedisSessionHandler cannot use redis at 127.0.0.1:PORT: %s (RedisException)
RuntimeException: Surge\Protocols\Http\Session\RedisSessionHandler cannot use redis at 127.0.0.1:PORT: SELECT 99 failed: %s (RedisException)
RedisException: %s
-- Redis Cluster
bool(true)
array(1) {
  [0]=>
  string(34) "c:rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
}
bool(true)
string(7) "cluster"
InvalidArgumentException: Surge\Protocols\Http\Session\RedisClusterSessionHandler needs 'host': the seed nodes of the cluster, like ['127.0.0.1:7000', '127.0.0.1:7001']
RuntimeException: Surge\Protocols\Http\Session\RedisClusterSessionHandler cannot use the redis cluster at 127.0.0.1:CLOSED_PORT: %s
end
