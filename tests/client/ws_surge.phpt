--TEST--
ws:// client against Surge's websocket:// server: handshake (path, query, Origin, sub-protocol, user headers, Response with the 101), frames sent before the handshake are queued, text and binary echo both ways, a 70,000-byte message, server ping answered, onWebSocketPing/onWebSocketPong, websocketPingInterval, close codes both ways, a masked server frame closes with 1002
--FILE--
<?php
require __DIR__ . '/client.inc';
$server = client_start(<<<'PHP'
use Surge\Protocols\Websocket;
$srv = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$srv->onWebSocketConnect = function ($c, $r) {
    $c->path = $r->path();
    note('S sees ' . $r->uri() . ' origin=' . $r->header('origin') . ' proto=' . $r->header('sec-websocket-protocol') . ' x-app=' . $r->header('x-app'));
    $c->headers = ['Sec-WebSocket-Protocol: chat'];
};
$srv->onWebSocketPing = function ($c, $d) {
    if ($c->path !== '/timer') return;
    note('S timer ping ' . json_encode($d));
    $c->close();
};

$srv->onWebSocketClose = fn($c, $code, $reason) => note("S onWebSocketClose $code");
$srv->onMessage = function ($c, $m) {
    if ($m === 'ping me') { $c->send("\x89\x04abcd", true); return; }
    if ($m === 'masked') { $c->send("\x81\x82\x01\x02\x03\x04" . ("hi" ^ "\x01\x02"), true); return; }
    if ($m === 'close me') { $c->close(); return; }
    if (strlen($m) > 1000) { $c->send('len ' . strlen($m) . ' md5 ' . md5($m)); return; }
    $c->websocketType = $m === "\x00\xff" ? Websocket::BINARY_TYPE_ARRAYBUFFER : Websocket::BINARY_TYPE_BLOB;
    $c->send($m);
};
$client = new Worker();
$client->onWorkerStart = function () {
    $step = 0;
    $ws = new AsyncTcpConnection('ws://127.0.0.1:' . TEST_PORT . '/chat?room=1');
    $ws->websocketOrigin = 'http://example.test';
    $ws->websocketClientProtocol = 'chat';
    $ws->headers = ['X-App' => 'surge-test'];
    $ws->onConnect = fn($c) => note('C onConnect');
    $ws->onWebSocketConnect = function ($c, $resp) {
        note('C onWebSocketConnect ' . get_class($resp) . ' ' . $resp->getStatusCode() . ' upgrade=' . $resp->getHeader('Upgrade') . ' proto=' . $resp->getHeader('Sec-WebSocket-Protocol'));
    };
    $ws->send('queued before the handshake');
    $ws->onMessage = function ($c, $m) use (&$step) {
        note('C onMessage ' . (preg_match('/^[ -~]+$/', $m) ? $m : 'hex ' . bin2hex($m)));
        switch (++$step) {
            case 1:
                $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_ARRAYBUFFER;
                $c->send("\x00\xff");
                break;
            case 2:
                $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_BLOB;
                $c->send(str_repeat('0123456789', 7000));
                break;
            case 3:
                note('C expect ' . md5(str_repeat('0123456789', 7000)));
                $c->send('ping me');
                break;
        }
    };
    $ws->onWebSocketPing = function ($c, $d) {
        note('C onWebSocketPing ' . json_encode($d));
        $c->send('close me');
    };
    $ws->onWebSocketClose = fn($c, $code, $reason) => note("C onWebSocketClose $code");
    $ws->onClose = function ($c) {
        note('C onClose');
        $m = new AsyncTcpConnection('ws://127.0.0.1:' . TEST_PORT . '/');
        $m->onWebSocketConnect = fn($m) => $m->send('masked');
        $m->onMessage = fn($m, $d) => note("C must not deliver a masked frame: $d");
        $m->onClose = function () {
            note('C masked onClose');
            $t = new AsyncTcpConnection('ws://127.0.0.1:' . TEST_PORT . '/timer');
            $t->websocketPingInterval = 0.05;
            $t->onClose = function () { note('C timer onClose'); note('done'); };
            $t->connect();
        };
        $m->connect();
    };
    $ws->connect();
};
PHP);
$events = client_events($server);
$lines = explode("\n", trim($events));
echo "client:\n", implode("\n", array_filter($lines, fn($l) => $l[0] !== 'S')), "\n";
echo "server:\n", implode("\n", array_filter($lines, fn($l) => $l[0] === 'S')), "\n";
var_dump($server->stop());
?>
--EXPECT--
client:
C onConnect
C onWebSocketConnect Surge\Protocols\Http\Response 101 upgrade=websocket proto=chat
C onMessage queued before the handshake
C onMessage hex 00ff
C onMessage len 70000 md5 f91a28da786c611817111cec85a66344
C expect f91a28da786c611817111cec85a66344
C onWebSocketPing "abcd"
C onWebSocketClose 1000
C onClose
C masked onClose
C timer onClose
done
server:
S sees /chat?room=1 origin=http://example.test proto=chat x-app=surge-test
S sees / origin= proto= x-app=
S onWebSocketClose 1002
S sees /timer origin= proto= x-app=
S timer ping ""
int(0)
