--TEST--
Send to anyone across protocols: a message from a text worker's process reaches WebSocket connections in other processes as one frame of each connection's websocketType (a 1 MB message too, cut into datagrams between processes and joined again), a connection still in its handshake gets nothing, and text connections get their newline; misuse throws with what to do
--FILE--
<?php
require __DIR__ . '/../websocket/ws_client.inc';
require __DIR__ . '/chat_server.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWebSocketConnect = function ($c, $r) {
    if ($r->path() === '/binary') $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_ARRAYBUFFER;
};
$w->onMessage = function ($c, $m) {
    [$cmd, $arg] = explode(' ', $m, 2) + ['', ''];
    if ($cmd === 'login') { $c->bindUid($arg); $c->send('ok'); }
    if ($cmd === 'tou2') { Worker::sendToUid('u2', $arg); $c->send('sent'); }
};
PHP . RECV_PROGRESS . <<<'PHP'
$text = new Worker('text://127.0.0.1:' . TEST_PORT2);
$text->onMessage = function ($c, $line) {
    [$cmd, $a, $b] = explode(' ', $line, 3) + ['', '', ''];
    try {
        switch ($cmd) {
            case 'login': $c->bindUid($a); $c->send('ok ' . getmypid()); break;
            case 'touid': Worker::sendToUid($a, $b); $c->send('sent'); break;
            case 'big': Worker::sendToUid($a, str_repeat(substr(md5('x'), 0, 16), (int)$b / 16)); $c->send('sent'); break;
            case 'all': Worker::sendToAll($a); $c->send('sent'); break;
            case 'badgroup': Worker::sendToGroup(['ok', 1.5], 'x'); break;
        }
    } catch (Throwable $e) {
        $c->send(get_class($e) . ': ' . $e->getMessage());
    }
};
Worker::runAll();
PHP);
$text = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
stream_set_timeout($text, 10);
$ws1 = WsClient::open($server, '/');
$ws2 = WsClient::open($server, '/binary');
$pending = new WsClient($server->connect(), $server);  // connected, handshake not sent
$ws1->send('login u1');
echo "ws1: ", ws_describe($ws1->read()), "\n";
$ws2->send('login u1');
echo "ws2: ", ws_describe($ws2->read()), "\n";
echo "text: ", preg_replace('/ \d+$/', '', say($text, 'login u2')), "\n";

echo "text: ", say($text, 'touid u1 hello'), "\n";
echo "ws1 got: ", ws_describe($ws1->read()), "\n";
echo "ws2 got: ", ws_describe($ws2->read()), "\n";
echo "text: ", say($text, 'big u1 1048576'), "\n";
$f = $ws1->read();
echo "ws1 got one frame of ", strlen($f['payload']), " bytes, intact: ", var_export($f['payload'] === str_repeat(substr(md5('x'), 0, 16), 65536), true), "\n";
echo "ws2 got: ", ws_describe($ws2->read()), "\n";
$ws1->send('tou2 from-websocket');
echo "text got: ", read_line($text), "\n";
echo "ws1: ", ws_describe($ws1->read()), "\n";

// Everyone: the sender's own connection first (delivered in place), then its answer.
echo "text: ", say($text, 'all to-everyone'), " then ", read_line($text), "\n";
echo "ws1 got: ", ws_describe($ws1->read()), "\n";
echo "ws2 got: ", ws_describe($ws2->read()), "\n";
echo "connection in its handshake got nothing: ", var_export($pending->silent(), true), "\n";

echo "text: ", say($text, 'badgroup'), "\n";
$server->stop();
?>
--EXPECTF--
ws1: text "ok"
ws2: binary 6f6b
text: ok
text: sent
ws1 got: text "hello"
ws2 got: binary 68656c6c6f
text: sent
ws1 got one frame of 1048576 bytes, intact: true
ws2 got: binary 1048576 bytes md5 %s
text got: from-websocket
ws1: text "sent"
text: to-everyone then sent
ws1 got: text "to-everyone"
ws2 got: binary 746f2d65766572796f6e65
connection in its handshake got nothing: true
text: TypeError: Surge\Worker::sendToGroup(): Argument #1 ($group) must be of type string|int, float given
