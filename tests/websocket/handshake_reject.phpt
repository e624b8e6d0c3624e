--TEST--
WebSocket handshake decided by the application: close() in onWebSocketConnect refuses (no 101, frames queued before are dropped), a raw answer can be sent first, an exception in onWebSocketConnect is answered 500, one in onWebSocketConnected closes with 1011; frames queued before the handshake are bounded by maxSendBufferSize (onBufferFull when reached, onError and false beyond); websocketType chosen in onWebSocketConnect
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    $c->maxSendBufferSize = 20;
    $c->send('queued first');
};
$w->onWebSocketConnect = function ($c, $r) {
    switch ($r->path()) {
        case '/close':
            $c->close();
            break;
        case '/forbidden':
            $c->close("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", true);
            break;
        case '/throw':
            throw new RuntimeException('no thanks');
        case '/binary':
            $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_ARRAYBUFFER;
            break;
        case '/full':
            // 14 + 2 bytes queued already; this one reaches 20 (onBufferFull), the next is dropped.
            note('second send returns ' . var_export($c->send('1234'), true));
            note('third send returns ' . var_export($c->send('x'), true));
            break;
    }
};
$w->onWebSocketConnected = function ($c, $r) {
    if ($r->path() === '/throw-later') {
        throw new LogicException('too late');
    }
    $c->send('welcome');
};
$w->onBufferFull = fn($c) => note('onBufferFull');
$w->onError = fn($c, $code, $msg) => note("onError $code $msg");
$w->onMessage = fn($c, $m) => note("onMessage " . bin2hex($m));
$w->onClose = fn($c) => note('onClose');
PHP);

foreach (['/close', '/forbidden', '/throw'] as $path) {
    echo "== $path\n", ws_wire(WsClient::refused($server, WsClient::request($path) . WsClient::frame('ignored'))), "<EOF>\n";
}
echo "== /throw-later\n";
$ws = WsClient::open($server, '/throw-later');
ws_until_closed($ws);
echo "== /binary\n";
$ws = WsClient::open($server, '/binary');
// "queued first" was framed when it was sent, as text.
echo ws_describe($ws->read()), "\n", ws_describe($ws->read()), "\n";
$ws->close();
ws_events($server, 5);  // its onClose, before the next connection's events
echo "== /full\n";
$ws = WsClient::open($server, '/full');
for ($i = 0; $i < 3; $i++) {
    echo ws_describe($ws->read()), "\n";
}
echo "--- the application saw\n", ws_events($server, 9);
echo "--- log\n";
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'threw')) {
        echo preg_replace('/ in \S+server\.php:/', ' in server.php:', strtok($line, "\n")), "\n";
    }
}
var_dump($server->stop());
?>
--EXPECT--
== /close
<EOF>
== /forbidden
HTTP/1.1 403 Forbidden\r\n
Content-Length: 0\r\n
\r\n
<EOF>
== /throw
HTTP/1.1 500 Internal Server Error\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 26\r\n
\r\n
onWebSocketConnect failed
<EOF>
== /throw-later
  text "queued first"
  close 1011 "internal error"
  EOF
== /binary
text "queued first"
binary 77656c636f6d65
== /full
text "queued first"
text "1234"
text "welcome"
--- the application saw
onClose
onClose
onClose
onClose
onClose
onBufferFull
second send returns NULL
onError 2 send buffer full and drop package
third send returns false
--- log
Worker[none] onWebSocketConnect of connection 3 threw RuntimeException: no thanks in server.php:25
Worker[none] onWebSocketConnected of connection 4 threw LogicException: too late in server.php:38
int(0)