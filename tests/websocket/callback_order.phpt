--TEST--
WebSocket callbacks in Workerman's order: onConnect, onWebSocketConnect (before the 101), onWebSocketConnected (after it), onMessage, onWebSocketClose, onClose; frames sent before the handshake leave right behind the 101 in the order they were sent; a connection's own callbacks win over the worker's, which are copied at accept
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    note("onConnect, send() returns " . var_export($c->send('from onConnect'), true));
    if ($c->id === 2) {
        $c->onWebSocketConnect = fn($c, $r) => note("connection's own onWebSocketConnect");
        $c->onWebSocketClose = fn($c, $code, $reason) => note("connection's own onWebSocketClose $code $reason");
    }
};
$w->onWebSocketConnect = function ($c, $r) {
    note("onWebSocketConnect {$r->path()}, websocketType " . bin2hex($c->websocketType) . ", send() returns " . var_export($c->send('from onWebSocketConnect'), true));
    if ($r->path() === '/replace') {
        // Connections accepted from now on get this one; those accepted before keep theirs.
        $c->worker->onWebSocketConnected = fn($c) => note('the replaced onWebSocketConnected');
    }
};
$w->onWebSocketConnected = function ($c, $r) {
    note("onWebSocketConnected {$r->path()}, send() returns " . var_export($c->send('from onWebSocketConnected'), true));
};
$w->onMessage = fn($c, $m) => note("onMessage $m");
$w->onWebSocketClose = fn($c, $code, $reason) => note("onWebSocketClose $code $reason");
$w->onClose = fn($c) => note("onClose");
PHP);

echo "== connection 1\n";
$ws = WsClient::open($server, '/one');
for ($i = 0; $i < 3; $i++) {
    echo ws_describe($ws->read()), "\n";
}
$ws->send('hello');
$ws->send(WsClient::closePayload(1000, 'done'), 0x8);
ws_until_closed($ws);
echo ws_events($server, 6);
ws_events_reset($server);

echo "== connection 2 has its own onWebSocketConnect and onWebSocketClose\n";
$ws = WsClient::open($server, '/two');
for ($i = 0; $i < 2; $i++) {
    echo ws_describe($ws->read()), "\n";
}
$ws->send(WsClient::closePayload(4001, 'bye'), 0x8);
ws_until_closed($ws);
echo ws_events($server, 5);
ws_events_reset($server);

echo "== connection 4 replaces the worker's onWebSocketConnected; 3, accepted before, keeps the old one, 5 gets the new one\n";
$three = new WsClient($server->connect());
$four = WsClient::open($server, '/replace');
$three->write(WsClient::request('/three'));
echo strtok($three->readHead(), "\r"), "\n";
$five = WsClient::open($server, '/five');
echo ws_events($server, 9);
var_dump($server->stop());
?>
--EXPECT--
== connection 1
text "from onConnect"
text "from onWebSocketConnect"
text "from onWebSocketConnected"
  close 1000 ""
  EOF
onConnect, send() returns NULL
onWebSocketConnect /one, websocketType 81, send() returns NULL
onWebSocketConnected /one, send() returns true
onMessage hello
onWebSocketClose 1000 done
onClose
== connection 2 has its own onWebSocketConnect and onWebSocketClose
text "from onConnect"
text "from onWebSocketConnected"
  close 4001 ""
  EOF
onConnect, send() returns NULL
connection's own onWebSocketConnect
onWebSocketConnected /two, send() returns true
connection's own onWebSocketClose 4001 bye
onClose
== connection 4 replaces the worker's onWebSocketConnected; 3, accepted before, keeps the old one, 5 gets the new one
HTTP/1.1 101 Switching Protocols
onConnect, send() returns NULL
onConnect, send() returns NULL
onWebSocketConnect /replace, websocketType 81, send() returns NULL
onWebSocketConnected /replace, send() returns true
onWebSocketConnect /three, websocketType 81, send() returns NULL
onWebSocketConnected /three, send() returns true
onConnect, send() returns NULL
onWebSocketConnect /five, websocketType 81, send() returns NULL
the replaced onWebSocketConnected
int(0)