--TEST--
WebSocket ping and pong (Autobahn 2.x): a ping is answered by a pong with the same payload (empty, text, binary, 125 bytes, chopped, ten in a row), a 126-byte ping closes with 1002, unsolicited pongs are ignored; onWebSocketPing replaces the automatic pong, onWebSocketPong sees each pong
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onWebSocketConnect = function ($c, $r) {
    if ($r->path() === '/callbacks') {
        $c->onWebSocketPing = function ($c, $data) {
            note('onWebSocketPing ' . json_encode($data));
            $c->send("\x8a\x05" . 'later', true);
        };
        $c->onWebSocketPong = fn($c, $data) => note('onWebSocketPong ' . json_encode($data));
    }
};
$w->onMessage = fn($c, $m) => $c->send($m);
PHP, '', RECV_PROGRESS);

$ws = WsClient::open($server);
$cases = [
    'empty ping' => WsClient::frame('', 0x9),
    'text ping' => WsClient::frame('Hello, world!', 0x9),
    'binary ping' => WsClient::frame("\x00\xff\xfe\xfd\xfc\xfb\x00\xff", 0x9),
    '125-byte ping' => WsClient::frame(str_repeat("\xfe", 125), 0x9),
];
foreach ($cases as $name => $bytes) {
    $ws->write($bytes);
    echo "$name: ", ws_describe($ws->read()), "\n";
}
$ws->writeChopped(WsClient::frame(str_repeat("\xfe", 125), 0x9), 1);
echo "125-byte ping one byte at a time: ", ws_describe($ws->read()), "\n";
$ws->write(WsClient::frame('', 0xA) . WsClient::frame('unsolicited', 0xA));
echo 'unsolicited pongs: ', $ws->silent() ? 'no answer' : 'an answer', "\n";
$ws->write(WsClient::frame('unsolicited', 0xA) . WsClient::frame('ping after pong', 0x9));
echo 'a pong then a ping: ', ws_describe($ws->read()), "\n";
$batch = '';
for ($i = 0; $i < 10; $i++) {
    $batch .= WsClient::frame("payload-$i", 0x9);
}
$ws->write($batch);
echo "ten pings in one write:\n";
for ($i = 0; $i < 10; $i++) {
    echo '  ', ws_describe($ws->read()), "\n";
}
$ws->writeChopped($batch, 1);
echo "the same ten one byte at a time:\n";
for ($i = 0; $i < 10; $i++) {
    echo '  ', ws_describe($ws->read()), "\n";
}
echo "== a 126-byte ping\n";
$ws->write(WsClient::frame(str_repeat('x', 126), 0x9));
ws_until_closed($ws);

echo "== onWebSocketPing and onWebSocketPong\n";
$ws = WsClient::open($server, '/callbacks');
$ws->write(WsClient::frame('are you there', 0x9) . WsClient::frame('a pong', 0xA) . WsClient::frame('msg'));
echo ws_describe($ws->read()), "\n", ws_describe($ws->read()), "\n";
echo ws_events($server, 2);
var_dump($server->stop());
?>
--EXPECT--
empty ping: pong ""
text ping: pong "Hello, world!"
binary ping: pong hex 00fffefdfcfb00ff
125-byte ping: pong 125 bytes md5 507a728fc2ba90190f2fe6ea14cbe380
125-byte ping one byte at a time: pong 125 bytes md5 507a728fc2ba90190f2fe6ea14cbe380
unsolicited pongs: no answer
a pong then a ping: pong "ping after pong"
ten pings in one write:
  pong "payload-0"
  pong "payload-1"
  pong "payload-2"
  pong "payload-3"
  pong "payload-4"
  pong "payload-5"
  pong "payload-6"
  pong "payload-7"
  pong "payload-8"
  pong "payload-9"
the same ten one byte at a time:
  pong "payload-0"
  pong "payload-1"
  pong "payload-2"
  pong "payload-3"
  pong "payload-4"
  pong "payload-5"
  pong "payload-6"
  pong "payload-7"
  pong "payload-8"
  pong "payload-9"
== a 126-byte ping
  close 1002 "control frame too long"
  EOF
== onWebSocketPing and onWebSocketPong
pong "later"
text "msg"
onWebSocketPing "are you there"
onWebSocketPong "a pong"
int(0)