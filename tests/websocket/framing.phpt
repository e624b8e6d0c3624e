--TEST--
WebSocket framing (Autobahn 1.x and masking): text and binary messages of 0 to 65536 bytes in every length form come back whole, unmasked, with FIN set and the shortest length form; frames split anywhere (one byte at a time, header and mask key included) or several in one write; an unmasked client frame, a non-minimal length form or a 64-bit length with its top bit set close with 1002
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(WS_ECHO_APP, '', RECV_PROGRESS);

echo "== lengths\n";
$ws = WsClient::open($server);
foreach ([0, 1, 125, 126, 127, 128, 65535, 65536] as $n) {
    $text = substr(str_repeat('abcdefghij', intdiv($n, 10) + 1), 0, $n);
    $ws->send($text);
    $f = $ws->read();
    echo "text $n: ", ws_describe($f), $f['payload'] === $text ? ', same bytes' : ', DIFFERENT', "\n";
    $binary = substr(str_repeat("\xff\x00\x80\x7f", intdiv($n, 4) + 1), 0, $n);
    if ($n === 0) {
        continue;  // an empty message is valid UTF-8: it comes back as text
    }
    $ws->send($binary, 0x2);
    $f = $ws->read();
    echo "binary $n: ", ws_describe($f), $f['payload'] === $binary ? ', same bytes' : ', DIFFERENT', "\n";
}

echo "== a 300-byte frame one byte at a time, then a 70000-byte frame in 997-byte pieces\n";
$payload = str_repeat('0123456789', 30);
$ws->writeChopped(WsClient::frame($payload, 0x1, true, true, 0, "\x01\x02\x03\x04"), 1);
$f = $ws->read();
echo ws_describe($f), $f['payload'] === $payload ? ', same bytes' : ', DIFFERENT', "\n";
$payload = str_repeat('abcdefg', 10000);
$ws->writeChopped(WsClient::frame($payload), 997);
$f = $ws->read();
echo ws_describe($f), $f['payload'] === $payload ? ', same bytes' : ', DIFFERENT', "\n";

echo "== three frames in one write, one with an all-zero mask key\n";
$ws->write(WsClient::frame('one') . WsClient::frame('two', 0x1, true, true, 0, "\0\0\0\0") . WsClient::frame('three'));
for ($i = 0; $i < 3; $i++) {
    echo ws_describe($ws->read()), "\n";
}

$errors = [
    'an unmasked frame' => WsClient::frame('plain', 0x1, true, false),
    '5 bytes in the 16-bit length form' => WsClient::frame('short', 0x1, true, true, 0, null, 126),
    '200 bytes in the 64-bit length form' => WsClient::frame(str_repeat('x', 200), 0x1, true, true, 0, null, 127),
    'a 64-bit length with its top bit set' => "\x81\xff\x80\x00\x00\x00\x00\x00\x00\x01" . "abcd",
];
foreach ($errors as $name => $bytes) {
    echo "== $name, after a good message\n";
    $ws = WsClient::open($server);
    $ws->write(WsClient::frame('good') . $bytes);
    ws_until_closed($ws);
}
var_dump($server->stop());
?>
--EXPECT--
== lengths
text 0: text "", same bytes
text 1: text "a", same bytes
binary 1: binary ff, same bytes
text 125: text 125 bytes md5 eeb5f6d14366aae86c04fd2ebaecd285, same bytes
binary 125: binary 125 bytes md5 26e56e2f9fc7b7f97f8988638ef50cc7, same bytes
text 126: text 126 bytes md5 3c9418bf467c02f0bb12c033281441c2, same bytes
binary 126: binary 126 bytes md5 a5c0f3bd9e51166ee1367ab11cdff7b0, same bytes
text 127: text 127 bytes md5 f5583c1eb0989e376db2ef14d16b1067, same bytes
binary 127: binary 127 bytes md5 a5b53e0b55794c1085cc06e8df4061c9, same bytes
text 128: text 128 bytes md5 d4fc182ce23d05c9849fb9f4379325c0, same bytes
binary 128: binary 128 bytes md5 fc49b666ea93ef5fdbb1288475879b54, same bytes
text 65535: text 65535 bytes md5 22e4436eff779e29c445fd2997279f35, same bytes
binary 65535: binary 65535 bytes md5 831a6c8cbe4b053eaefa1e2e1b27749b, same bytes
text 65536: text 65536 bytes md5 5b3f2d2bc6c61b8e966feecad8bf42c6, same bytes
binary 65536: binary 65536 bytes md5 6a428f8bea47180ea9aceeb7387334c5, same bytes
== a 300-byte frame one byte at a time, then a 70000-byte frame in 997-byte pieces
text 300 bytes md5 b60b5c6644c049e58f5c485578634c1f, same bytes
text 70000 bytes md5 10fe3482a3b7d576267d5f531d58045f, same bytes
== three frames in one write, one with an all-zero mask key
text "one"
text "two"
text "three"
== an unmasked frame, after a good message
  text "good"
  close 1002 "unmasked client frame"
  EOF
== 5 bytes in the 16-bit length form, after a good message
  text "good"
  close 1002 "non-minimal length"
  EOF
== 200 bytes in the 64-bit length form, after a good message
  text "good"
  close 1002 "non-minimal length"
  EOF
== a 64-bit length with its top bit set, after a good message
  text "good"
  close 1002 "length has top bit set"
  EOF
int(0)