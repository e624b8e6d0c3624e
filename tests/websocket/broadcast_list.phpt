--TEST--
Websocket::broadcast($connections, $message): the same frame to a list of connections, each in its own websocketType; values that are not WebSocket connections and connections that are closed are skipped and not counted
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
use Surge\Protocols\Websocket;
$rooms = [];
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onWebSocketConnect = function ($c, $r) use (&$rooms) {
    if ($r->path() === '/binary') {
        $c->websocketType = Websocket::BINARY_TYPE_ARRAYBUFFER;
    }
    $rooms[$r->get('room')][$c->id] = $c;
};
$w->onWebSocketConnected = fn($c) => $c->send('joined');
$w->onClose = fn($c) => note("close {$c->id}");
$w->onMessage = function ($c, $m) use (&$rooms) {
    [$room, $text] = explode(' ', $m, 2);
    $list = ($rooms[$room] ?? []) + ['not a connection' => 42, 'text' => 'nope'];
    note("room $room: " . Websocket::broadcast($list, $text));
};
PHP, '', RECV_PROGRESS);

$a = WsClient::open($server, '/?room=red');
$b = WsClient::open($server, '/binary?room=red');
$c = WsClient::open($server, '/?room=blue');
$gone = WsClient::open($server, '/?room=red');
foreach ([$a, $b, $c, $gone] as $ws) {
    echo ws_describe($ws->read()), "\n";
}
fclose($gone->socket);
ws_events_until($server, 'close 4');

$a->send('red hello red');
echo "a: ", ws_describe($a->read()), "\n";
echo "b: ", ws_describe($b->read()), "\n";
echo "c: ", $c->silent() ? '-' : ws_describe($c->read()), "\n";
$c->send('blue only blue');
echo "c: ", ws_describe($c->read()), "\n";
echo "a: ", $a->silent() ? '-' : ws_describe($a->read()), "\n";
echo ws_events($server, 3);
var_dump($server->stop());
?>
--EXPECT--
text "joined"
binary 6a6f696e6564
text "joined"
text "joined"
a: text "hello red"
b: binary 68656c6c6f20726564
c: -
c: text "only blue"
a: -
close 4
room red: 2
room blue: 1
int(0)
