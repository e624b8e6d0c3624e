--TEST--
WebSocket limits: a message above maxPackageSize closes with 1009, a single frame as soon as its header announces it (the payload is never waited for), a fragmented message at the fragment that crosses the limit; exactly the limit passes; a connection's own maxPackageSize, changed in onWebSocketConnected, applies to it alone
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onWebSocketConnected = function ($c, $r) {
    if ($r->path() === '/small') {
        $c->maxPackageSize = 100;
    }
};
$w->onMessage = function ($c, $m) { note('onMessage ' . strlen($m)); $c->send(strlen($m) . ' bytes'); };
PHP, 'TcpConnection::$defaultMaxPackageSize = 1000;', RECV_PROGRESS);

echo "== 1000 bytes, in one frame and in two fragments\n";
$ws = WsClient::open($server);
$ws->send(str_repeat('a', 1000));
echo ws_describe($ws->read()), "\n";
$ws->write(WsClient::frame(str_repeat('a', 600), 0x1, false) . WsClient::frame(str_repeat('b', 400), 0x0, true));
echo ws_describe($ws->read()), "\n";

echo "== a frame announcing 1001 bytes: only its header is sent\n";
$ws = WsClient::open($server);
$ws->write(substr(WsClient::frame(str_repeat('a', 1001)), 0, 8));
ws_until_closed($ws);

echo "== a frame announcing 2^62 bytes\n";
$ws = WsClient::open($server);
$ws->write("\x82\xff" . pack('J', 1 << 62) . 'mask');
ws_until_closed($ws);

echo "== 600 + 401 bytes in two fragments\n";
$ws = WsClient::open($server);
$ws->write(WsClient::frame(str_repeat('a', 600), 0x1, false));
echo $ws->silent() ? "first fragment: no answer\n" : "first fragment: answered\n";
$ws->write(substr(WsClient::frame(str_repeat('b', 401), 0x0, true), 0, 8));
ws_until_closed($ws);

echo "== 100 bytes on a connection limited to 100, then 101\n";
$ws = WsClient::open($server, '/small');
$ws->send(str_repeat('s', 100));
echo ws_describe($ws->read()), "\n";
$ws->send(str_repeat('s', 101));
ws_until_closed($ws);
echo "== others keep 1000\n";
$ws = WsClient::open($server);
$ws->send(str_repeat('a', 1000));
echo ws_describe($ws->read()), "\n";
echo "--- the application saw\n", ws_events($server, 4);
var_dump($server->stop());
?>
--EXPECT--
== 1000 bytes, in one frame and in two fragments
text "1000 bytes"
text "1000 bytes"
== a frame announcing 1001 bytes: only its header is sent
  close 1009 "frame too big"
  EOF
== a frame announcing 2^62 bytes
  close 1009 "frame too big"
  EOF
== 600 + 401 bytes in two fragments
first fragment: no answer
  close 1009 "message too big"
  EOF
== 100 bytes on a connection limited to 100, then 101
text "100 bytes"
  close 1009 "frame too big"
  EOF
== others keep 1000
text "1000 bytes"
--- the application saw
onMessage 1000
onMessage 1000
onMessage 100
onMessage 1000
int(0)
