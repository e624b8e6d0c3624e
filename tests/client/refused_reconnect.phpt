--TEST--
AsyncTcpConnection: a refused connect calls onError with code 1 and the reason, then onClose; reconnect() from onClose tries again until a server listens; reconnect() of an open connection drops it without onClose and connects again; a name (localhost) is resolved; outside a worker connect() throws
--FILE--
<?php
require __DIR__ . '/client.inc';
$port = TestServer::freePort();
try {
    (new Surge\Connection\AsyncTcpConnection('tcp://127.0.0.1:1'))->connect();
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new Surge\Connection\AsyncTcpConnection('127.0.0.1:80');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
$server = client_start(<<<PHP
const LATE_PORT = $port;
PHP . <<<'PHP'

$client = new Worker();
$client->onWorkerStart = function () {
    $tries = 0;
    $c = new AsyncTcpConnection('text://127.0.0.1:' . LATE_PORT);
    $c->onError = fn($c, $code, $msg) => note("onError $code $msg");
    $c->onClose = function ($c) use (&$tries) {
        note('onClose ' . $c->getStatus(false));
        if (++$tries === 2) {
            // Now something listens there.
            $w = stream_socket_server('tcp://127.0.0.1:' . LATE_PORT);
            $GLOBALS['listener'] = $w;
        }
        if ($tries < 4) $c->reconnect();
    };
    $c->onConnect = function ($c) use (&$tries) {
        note("onConnect after $tries failures");
        $tries = 10;
        $l = new AsyncTcpConnection('text://localhost:' . TEST_PORT);
        $l->onConnect = function ($l) {
            note('localhost onConnect ' . $l->getRemoteHost() . ' ' . $l->getRemoteIp());
            $l->send('hello');
        };
        $l->onMessage = function ($l, $m) use (&$opened) {
            note("localhost onMessage $m");
            if ($m === 'hello') {
                $l->onClose = fn() => note('onClose must not be called by reconnect()');
                $l->reconnect();
                $l->onClose = fn() => note('localhost onClose');
                note('after reconnect ' . $l->getStatus(false));
                $l->onConnect = fn($l) => $l->send('again');
            } else {
                $l->close();
                note('done');
            }
        };
        $l->connect();
    };
    $c->connect();
};
$echo = new Worker('text://127.0.0.1:' . TEST_PORT);
$echo->onMessage = fn($c, $m) => $c->send($m);
PHP);
echo client_events($server);
var_dump($server->stop());
?>
--EXPECT--
RuntimeException: Surge\Connection\AsyncTcpConnection::connect() can only be used inside a worker process: call it from onWorkerStart, onConnect, onMessage or a timer, after Worker::runAll() started the worker
Surge\Connection\AsyncTcpConnection::__construct(): Argument #1 ($remoteAddress) must be scheme://host:port (e.g. tcp://127.0.0.1:8080 or ws://example.com/path), '127.0.0.1:80' given
onError 1 Connection refused
onClose CLOSED
onError 1 Connection refused
onClose CLOSED
onConnect after 2 failures
localhost onConnect localhost 127.0.0.1
localhost onMessage hello
after reconnect CONNECTING
localhost onMessage again
localhost onClose
done
int(0)
