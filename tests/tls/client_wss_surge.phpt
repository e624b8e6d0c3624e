--TEST--
TLS client: Surge's wss:// client (cafile => ca.pem) against Surge's wss:// server: callbacks in order (client onConnect after the TLS handshake, then onWebSocketConnect with the 101, then onMessage), messages sent before connect() and while connecting arrive first and in order, a text message and a 2 MB message echoed intact, close started by the client (1000 on the server) and by the server (1000 on the client)
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/../client/client.inc';
$certs = TestCerts::make();
$server = client_start('const CERTS = ' . var_export($certs->dir, true) . ";\n" . <<<'PHP'
$srv = new Worker('wss://127.0.0.1:' . TEST_PORT, ['ssl' => [
    'local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server.key']]);
$srv->onConnect = fn($c) => note('S onConnect transport=' . $c->transport);
$srv->onWebSocketConnect = fn($c, $r) => note('S onWebSocketConnect ' . $r->uri());
$srv->onMessage = function ($c, $m) {
    note('S onMessage ' . (strlen($m) > 100 ? strlen($m) . ' bytes' : $m));
    if ($m === 'close me') { $c->close(); return; }
    $c->send($m);
};
$srv->onWebSocketClose = fn($c, $code) => note("S onWebSocketClose $code");
$srv->onClose = fn($c) => note('S onClose');

$client = new Worker();
$client->onWorkerStart = function () {
    $big = bin2hex(random_bytes(1048576)); // 2 MB of text, no two pieces alike
    $ws = new AsyncTcpConnection('wss://127.0.0.1:' . TEST_PORT . '/echo?x=1', ['ssl' => ['cafile' => CERTS . '/ca.pem']]);
    note('C transport ' . $ws->transport);
    $ws->onConnect = fn($c) => note('C onConnect ' . $c->getStatus(false));
    $ws->onWebSocketConnect = fn($c, $r) => note('C onWebSocketConnect ' . $r->getStatusCode() . ' upgrade=' . $r->getHeader('Upgrade'));
    $ws->send('sent before connect()');
    $step = 0;
    $ws->onMessage = function ($c, $m) use (&$step, $big) {
        note('C onMessage ' . (strlen($m) > 100 ? strlen($m) . ' bytes ' . ($m === $big ? 'intact' : 'CHANGED') : $m));
        if (++$step === 2) {
            $c->send('text message');
        } elseif ($step === 3) {
            $c->send($big);
        } elseif ($step === 4) {
            $c->close();
        }
    };
    $ws->onError = fn($c, $code, $msg) => note("C onError $code $msg");
    $ws->onClose = function ($c) {
        note('C onClose');
        $s = new AsyncTcpConnection('wss://localhost:' . TEST_PORT . '/second', ['ssl' => ['cafile' => CERTS . '/ca.pem']]);
        $s->onWebSocketConnect = fn($s) => $s->send('close me');
        $s->onError = fn($c, $code, $msg) => note("C second onError $code $msg");
        $s->onWebSocketClose = fn($s, $code) => note("C second onWebSocketClose $code");
        $s->onClose = function () { note('C second onClose'); note('done'); };
        $s->connect();
    };
    $ws->connect();
    note('C after connect() ' . $ws->getStatus(false));
    $ws->send('sent while connecting');
};
PHP);
$events = client_events($server);
// The server's lines come from another process: wait for its last one too.
try {
    wait_for(function () use ($server, &$events) {
        $events = (string)file_get_contents($server->dir . '/events');
        return substr_count($events, 'S onClose') === 2;
    }, 'the server to see both connections closed');
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n", $server->output(), $server->log();
}
$lines = explode("\n", trim($events));
echo "client:\n", implode("\n", array_filter($lines, fn($l) => $l[0] !== 'S')), "\n";
echo "server:\n", implode("\n", array_filter($lines, fn($l) => $l[0] === 'S')), "\n";
var_dump($server->stop());
?>
--EXPECT--
client:
C transport ssl
C after connect() CONNECTING
C onConnect ESTABLISHED
C onWebSocketConnect 101 upgrade=websocket
C onMessage sent before connect()
C onMessage sent while connecting
C onMessage text message
C onMessage 2097152 bytes intact
C onClose
C second onWebSocketClose 1000
C second onClose
done
server:
S onConnect transport=ssl
S onWebSocketConnect /echo?x=1
S onMessage sent before connect()
S onMessage sent while connecting
S onMessage text message
S onMessage 2097152 bytes
S onWebSocketClose 1000
S onClose
S onConnect transport=ssl
S onWebSocketConnect /second
S onMessage close me
S onClose
int(0)
