--TEST--
WebSocket handshake: the 101 answer byte for byte (RFC 6455 sample key), header lines from $connection->headers in both forms (Workerman's "Name: value" lines and name => value), lines that could split the answer skipped, a sub-protocol chosen in onWebSocketConnect, the Request it gets, case-insensitive tokens in lists, and frames pipelined right behind the handshake
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onWebSocketConnect = function ($c, $r) {
    note(get_class($r) . ' ' . $r->method() . ' ' . $r->uri() . ' ' . $r->path() . ' ' . json_encode($r->get()) . ' '
        . $r->header('sec-websocket-protocol', '-'));
    if ($r->path() === '/headers') {
        $c->headers = ['X-Line: one', 'Sec-WebSocket-Protocol: chat', "X-Split: a\r\nX-Injected: b", 'X-Name' => 'two',
            'X-List' => ['a', 'b'], "X-Bad\r\n" => 'c', 'X-Bad2' => "d\ne", 'X-Number' => 3];
    }
};
$w->onWebSocketConnected = function ($c, $r) {
    note('connected ' . $r->path() . ' headers now ' . json_encode($c->headers));
};
$w->onMessage = function ($c, $m) { note("message $m"); $c->send("echo $m"); };
PHP, '', RECV_PROGRESS);

echo "== plain\n";
$ws = WsClient::open($server, '/chat?room=1&x=y');
echo ws_wire($ws->answer);
$ws->send('hi');
echo ws_describe($ws->read()), "\n";

echo "== extra header lines\n";
$ws = WsClient::open($server, '/headers', ['Sec-WebSocket-Protocol: chat, superchat']);
echo ws_wire($ws->answer);

echo "== tokens in lists, any case; frames in the same packet as the handshake\n";
$ws = new WsClient($server->connect());
$ws->write("GET /lists HTTP/1.1\r\nHost: a\r\nUpgrade: WebSocket\r\nConnection: keep-alive, UPGRADE\r\n"
    . "Sec-WebSocket-Key: " . WsClient::SAMPLE_KEY . "\r\nSec-WebSocket-Version: 13\r\n\r\n"
    . WsClient::frame('one') . WsClient::frame('two'));
echo strtok($ws->readHead(), "\r"), "\n";
echo ws_describe($ws->read()), "\n", ws_describe($ws->read()), "\n";

echo "== the handshake delivered one byte at a time\n";
$ws = new WsClient($server->connect(), $server);
$ws->writeChopped(WsClient::request('/slow') . WsClient::frame('three'), 1);
echo strtok($ws->readHead(), "\r"), "\n";
echo ws_describe($ws->read()), "\n";
echo "--- the application saw\n", ws_events($server);
var_dump($server->stop());
?>
--EXPECT--
== plain
HTTP/1.1 101 Switching Protocols\r\n
Upgrade: websocket\r\n
Connection: Upgrade\r\n
Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n
\r\n
text "echo hi"
== extra header lines
HTTP/1.1 101 Switching Protocols\r\n
Upgrade: websocket\r\n
Connection: Upgrade\r\n
Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n
X-Line: one\r\n
Sec-WebSocket-Protocol: chat\r\n
X-Name: two\r\n
X-List: a\r\n
X-List: b\r\n
X-Number: 3\r\n
\r\n
== tokens in lists, any case; frames in the same packet as the handshake
HTTP/1.1 101 Switching Protocols
text "echo one"
text "echo two"
== the handshake delivered one byte at a time
HTTP/1.1 101 Switching Protocols
text "echo three"
--- the application saw
Surge\Protocols\Http\Request GET /chat?room=1&x=y /chat {"room":"1","x":"y"} -
connected /chat headers now []
message hi
Surge\Protocols\Http\Request GET /headers /headers [] chat, superchat
connected /headers headers now []
Surge\Protocols\Http\Request GET /lists /lists [] -
connected /lists headers now []
message one
message two
Surge\Protocols\Http\Request GET /slow /slow [] -
connected /slow headers now []
message three
int(0)
