--TEST--
WebSocket fragmentation (Autobahn 5.x): messages in 2 to 5 fragments (also empty ones, binary ones, one byte at a time, each piece written once the server has read the one before) reach onMessage whole; pings in between are answered at once, before the message; a fragmented ping or pong, a continuation with no message to continue, a continuation after the last fragment and a new message inside a fragmented one close with 1002
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(WS_ECHO_APP . "\n" . '$w->onConnect = fn($c) => null;' . "\n" . '$w->onMessage = function ($c, $m) { note("onMessage " . strlen($m) . " bytes"); $c->websocketType = preg_match("//u", $m) ? "\x81" : "\x82"; $c->send($m); };', '', RECV_PROGRESS);

$f = fn(string $p, int $op, bool $fin) => WsClient::frame($p, $op, $fin);
$good = [
    'text in 2 fragments' => [$f('fragment1', 1, false) . $f('fragment2', 0, true), 'whole'],
    'the same, one byte at a time' => [$f('fragment1', 1, false) . $f('fragment2', 0, true), 'bytes'],
    'the same, one fragment at a time' => [$f('fragment1', 1, false) . $f('fragment2', 0, true), 'frames'],
    'binary in 3 fragments' => [$f("\xff\x01", 2, false) . $f("\xfe\x02", 0, false) . $f("\xfd\x03", 0, true), 'frames'],
    'text in 2 fragments with a ping between' => [$f('fragment1', 1, false) . $f('ping', 9, true) . $f('fragment2', 0, true), 'whole'],
    'the same with the ping, one byte at a time' => [$f('fragment1', 1, false) . $f('ping', 9, true) . $f('fragment2', 0, true), 'bytes'],
    'text in 5 fragments with 2 pings between, one frame at a time' => [$f('f1', 1, false) . $f('p1', 9, true) . $f('f2', 0, false) . $f('f3', 0, false) . $f('p2', 9, true) . $f('f4', 0, false) . $f('f5', 0, true), 'frames'],
    'empty fragments' => [$f('', 1, false) . $f('', 0, false) . $f('abc', 0, true) . $f('', 1, false) . $f('', 0, true), 'whole'],
    'a 100000-byte message in 3 fragments' => [$f(str_repeat('a', 40000), 1, false) . $f(str_repeat('b', 40000), 0, false) . $f(str_repeat('c', 20000), 0, true), 'whole'],
];
foreach ($good as $name => [$bytes, $how]) {
    echo "== $name\n";
    $ws = WsClient::open($server);
    if ($how === 'whole') {
        $ws->write($bytes);
    } elseif ($how === 'bytes') {
        $ws->writeChopped($bytes, 1);
    } else {
        // Split at frame boundaries: each frame is written alone, once the server has read
        // the one before.
        while ($bytes !== '') {
            $len = ord($bytes[1]) & 0x7F;
            $ws->write(substr($bytes, 0, 6 + $len));
            $bytes = substr($bytes, 6 + $len);
            $server->waitForRead($ws->socket, $ws->sent);
        }
    }
    $ws->write($f('', 8, true));
    ws_until_closed($ws);
}
echo "--- the application saw\n", ws_events($server, 10);

$bad = [
    'a fragmented ping' => $f('ping1', 9, false) . $f('ping2', 0, true),
    'a fragmented pong' => $f('pong1', 10, false) . $f('pong2', 0, true),
    'a final continuation with no message' => $f('orphan', 0, true),
    'a continuation with no message, one byte at a time' => $f('orphan', 0, false),
    'a continuation after the last fragment' => $f('one', 1, false) . $f('two', 0, true) . $f('three', 0, false),
    'a new message inside a fragmented one' => $f('one', 1, false) . $f('two', 1, true),
];
foreach ($bad as $name => $bytes) {
    echo "== $name\n";
    $ws = WsClient::open($server);
    if (str_contains($name, 'one byte')) {
        $ws->writeChopped($f('before', 1, true) . $bytes, 1);
    } else {
        $ws->write($f('before', 1, true) . $bytes);
    }
    ws_until_closed($ws);
}
var_dump($server->stop());
?>
--EXPECT--
== text in 2 fragments
  text "fragment1fragment2"
  close (empty)
  EOF
== the same, one byte at a time
  text "fragment1fragment2"
  close (empty)
  EOF
== the same, one fragment at a time
  text "fragment1fragment2"
  close (empty)
  EOF
== binary in 3 fragments
  binary ff01fe02fd03
  close (empty)
  EOF
== text in 2 fragments with a ping between
  pong "ping"
  text "fragment1fragment2"
  close (empty)
  EOF
== the same with the ping, one byte at a time
  pong "ping"
  text "fragment1fragment2"
  close (empty)
  EOF
== text in 5 fragments with 2 pings between, one frame at a time
  pong "p1"
  pong "p2"
  text "f1f2f3f4f5"
  close (empty)
  EOF
== empty fragments
  text "abc"
  text ""
  close (empty)
  EOF
== a 100000-byte message in 3 fragments
  text 100000 bytes md5 8fe68ceeafcdb5c3b429a49cdcbf88e4
  close (empty)
  EOF
--- the application saw
onMessage 18 bytes
onMessage 18 bytes
onMessage 18 bytes
onMessage 6 bytes
onMessage 18 bytes
onMessage 18 bytes
onMessage 10 bytes
onMessage 3 bytes
onMessage 0 bytes
onMessage 100000 bytes
== a fragmented ping
  text "before"
  close 1002 "fragmented control frame"
  EOF
== a fragmented pong
  text "before"
  close 1002 "fragmented control frame"
  EOF
== a final continuation with no message
  text "before"
  close 1002 "continuation without a message"
  EOF
== a continuation with no message, one byte at a time
  text "before"
  close 1002 "continuation without a message"
  EOF
== a continuation after the last fragment
  text "before"
  text "onetwo"
  close 1002 "continuation without a message"
  EOF
== a new message inside a fragmented one
  text "before"
  close 1002 "new message before the last one ended"
  EOF
int(0)