--TEST--
AsyncTcpConnection through proxies: SOCKS5 without and with username/password, HTTP CONNECT with Proxy-Authorization, the host name resolved by the proxy, a target the proxy cannot reach reported to onError with the proxy's reason, a wrong proxy password refused, a bad proxy address refused with an exception; the 'socket' context option bindto sets the local address
--SKIPIF--
<?php if (!is_executable('/usr/bin/python3')) die('skip /usr/bin/python3 is needed for the test proxy'); ?>
--FILE--
<?php
require __DIR__ . '/client.inc';
$proxies = [];
foreach (['socks', 'http'] as $kind) {
    $proxies[$kind] = proc_open(['/usr/bin/python3', __DIR__ . '/fixtures/proxy.py', $kind],
        [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$kind]);
    $ports[$kind] = (int)fgets($pipes[$kind][1]);
}
$bindPort = TestServer::freePort();
$server = client_start(<<<PHP
const SOCKS = '127.0.0.1:{$ports['socks']}'; const HTTP = '127.0.0.1:{$ports['http']}'; const BIND_PORT = $bindPort;
PHP . <<<'PHP'

$echo = new Worker('text://127.0.0.1:' . TEST_PORT);
$echo->onMessage = fn($c, $d) => $c->send("echo $d from " . $c->getRemoteIp());
$client = new Worker();
$client->onWorkerStart = function () {
    $cases = [
        'socks' => ['proxySocks5' => SOCKS],
        'socks-auth' => ['proxySocks5' => SOCKS, 'proxySocks5Username' => 'user', 'proxySocks5Password' => 'pass'],
        'http' => ['proxyHttp' => HTTP, 'proxyAuthorization' => 'Basic dXNlcjpwYXNz'],
    ];
    $queue = array_keys($cases);
    $next = function () use (&$next, &$queue, $cases) {
        $name = array_shift($queue);
        if ($name === null) {
            // A target the proxy cannot reach, then a wrong password.
            $c = new AsyncTcpConnection('text://127.0.0.1:1');
            $c->proxySocks5 = SOCKS;
            $c->onError = function ($c, $code, $msg) {
                note("unreachable: onError $code $msg");
                $d = new AsyncTcpConnection('text://127.0.0.1:' . TEST_PORT);
                $d->proxySocks5 = SOCKS;
                $d->proxySocks5Username = 'user';
                $d->proxySocks5Password = 'wrong';
                $d->onError = function ($d, $code, $msg) {
                    note("wrong password: onError $code $msg");
                    $e = new AsyncTcpConnection('text://127.0.0.1:' . TEST_PORT);
                    $e->proxyHttp = 'no-port';
                    try {
                        $e->connect();
                    } catch (RuntimeException $ex) {
                        note('bad proxy: ' . $ex->getMessage());
                    }
                    note('done');
                };
                $d->connect();
            };
            $c->connect();
            return;
        }
        $c = new AsyncTcpConnection('text://localhost:' . TEST_PORT);
        foreach ($cases[$name] as $prop => $value) {
            $c->$prop = $value;
        }
        $c->onConnect = fn($c) => $c->send($name);
        $c->onMessage = function ($c, $d) use ($next) {
            note($d);
            $c->close();
            $next();
        };
        $c->onError = fn($c, $code, $msg) => note("$name: onError $code $msg");
        $c->connect();
    };
    $next();
    // bindto: the local port of a direct connection.
    $b = new AsyncTcpConnection('text://127.0.0.1:' . TEST_PORT, ['socket' => ['bindto' => '127.0.0.1:' . BIND_PORT]]);
    $b->onConnect = fn($b) => file_put_contents(TEST_DIR . '/bind', $b->getLocalPort() === BIND_PORT ? 'bound' : 'port ' . $b->getLocalPort());
    $b->connect();
};
PHP);
echo client_events($server);
echo file_get_contents($server->dir . '/bind'), "\n";
var_dump($server->stop());
foreach ($proxies as $kind => $proc) {
    proc_terminate($proc);
    $lines = explode("\n", trim(stream_get_contents($pipes[$kind][1])));
    sort($lines);
    echo "$kind proxy:\n", implode("\n", $lines), "\n";
    proc_close($proc);
}
?>
--EXPECTF--
echo socks from 127.0.0.1
echo socks-auth from 127.0.0.1
echo http from 127.0.0.1
unreachable: onError 1 proxy 127.0.0.1:%d: the SOCKS5 proxy could not connect: connection refused
wrong password: onError 1 proxy 127.0.0.1:%d: the SOCKS5 proxy refused the username or password
bad proxy: AsyncTcpConnection::$proxyHttp must be 'host:port', e.g. '127.0.0.1:1080'; 'no-port' given
done
bound
int(0)
socks proxy:
auth user pass
auth user wrong
socks connect 127.0.0.1 1
socks connect localhost %d
socks connect localhost %d
http proxy:
http CONNECT localhost:%d HTTP/1.1 auth Basic dXNlcjpwYXNz
