--TEST--
WebSocket UTF-8 (Autobahn 6.x): text messages are validated as they arrive; valid edge cases (U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF, noncharacters) pass also split byte by byte across fragments; overlong forms, surrogates, code points above U+10FFFF, stray continuation bytes, 0xFE/0xFF and a message cut inside a character close with 1007; fail-fast: the close comes as soon as the bad byte arrives, before the rest of the fragment or the message is sent; binary messages are not validated
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(WS_ECHO_APP . "\n" . '$w->onMessage = function ($c, $m) { note("onMessage " . bin2hex($m)); $c->websocketType = preg_match("//u", $m) ? "\x81" : "\x82"; $c->send($m); };', '', RECV_PROGRESS);

echo "== valid, one frame each, then split into one-byte fragments\n";
$valid = ["\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xef\xbf\xbe",
    "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", 'Hello-µ@ßöäüàá-UTF-8!!', 'κόσμε'];
$ws = WsClient::open($server);
foreach ($valid as $text) {
    $ws->send($text);
    $hex = fn(?array $f) => $f === null ? 'nothing' : ($f['opcode'] === 1 ? 'text ' : 'opcode ' . $f['opcode'] . ' ') . bin2hex($f['payload']);
    $one = $hex($ws->read());
    $bytes = str_split($text);
    $fragments = '';
    foreach ($bytes as $i => $byte) {
        $fragments .= WsClient::frame($byte, $i === 0 ? 0x1 : 0x0, $i === count($bytes) - 1);
    }
    $ws->write($fragments);
    $split = $hex($ws->read());
    echo bin2hex($text), ': ', $one, $split === $one ? ', the same in fragments' : ", in fragments: $split", "\n";
}
echo "binary ff fe c0 af: ";
$ws->send("\xff\xfe\xc0\xaf", 0x2);
echo ws_describe($ws->read()), "\n";

echo "== invalid\n";
$invalid = ['c0af' => "\xc0\xaf", 'c1bf' => "\xc1\xbf", 'e080af' => "\xe0\x80\xaf", 'f08080af' => "\xf0\x80\x80\xaf",
    'eda080' => "\xed\xa0\x80", 'edbfbf' => "\xed\xbf\xbf", 'f4908080' => "\xf4\x90\x80\x80", 'f5808080' => "\xf5\x80\x80\x80",
    '80' => "\x80", 'bf' => "\xbf", 'fe' => "\xfe", 'ff' => "\xff", 'ce (cut)' => "\xce", 'e0a0 (cut)' => "\xe0\xa0",
    'κόσμε + eda080' => "κόσμε\xed\xa0\x80edited"];
foreach ($invalid as $name => $text) {
    $ws = WsClient::open($server);
    $ws->send($text);
    $f = $ws->read();
    echo "$name: ", ws_describe($f), $ws->closed(2) ? ', EOF' : ', still open', "\n";
}
echo "== invalid, split into one-byte fragments: closed at the bad byte\n";
$ws = WsClient::open($server);
$bytes = str_split("κόσμε\xed\xa0\x80edited");
foreach ($bytes as $i => $byte) {
    $ws->write(WsClient::frame($byte, $i === 0 ? 0x1 : 0x0, $i === count($bytes) - 1));
    if (!$ws->silent()) {
        echo "after byte $i (", bin2hex($byte), "): ", ws_describe($ws->read()), "\n";
        break;
    }
}

$fail = [
    '6.4.1: 3 fragments, the second invalid' => [[WsClient::frame('κόσμε', 0x1, false)], [WsClient::frame("\xf4\x90\x80\x80", 0x0, false)], [WsClient::frame('edited', 0x0, true)]],
    '6.4.2: 3 fragments, invalid at the first byte of the second' => [[WsClient::frame("κόσμε\xf4", 0x1, false)], [WsClient::frame("\x90", 0x0, false)], [WsClient::frame("\x80\x80edited", 0x0, true)]],
];
$frame = WsClient::frame("κόσμε\xf4\x90\x80\x80edited", 0x1, true, true, 0, 'mask');
$head = 6 + strlen('κόσμε');
$fail['6.4.3: one frame in 3 pieces, the second invalid'] = [[substr($frame, 0, $head)], [substr($frame, $head, 4)], [substr($frame, $head + 4)]];
$fail['6.4.4: one frame in 3 pieces, invalid at the first byte of the second'] = [[substr($frame, 0, $head + 1)], [substr($frame, $head + 1, 1)], [substr($frame, $head + 2)]];
foreach ($fail as $name => $steps) {
    echo "== fail-fast $name\n";
    $ws = WsClient::open($server);
    foreach ($steps as $i => [$bytes]) {
        $ws->write($bytes);
        if ($ws->silent()) {
            echo "  piece ", $i + 1, ": no answer yet\n";
            continue;
        }
        echo "  piece ", $i + 1, ": ", ws_describe($ws->read()), "\n";
        echo $ws->closed(2) ? "  EOF, the rest never sent\n" : "  still open\n";
        break;
    }
}
echo "--- the application saw\n", ws_events($server, 25);
var_dump($server->stop());
?>
--EXPECT--
== valid, one frame each, then split into one-byte fragments
7f: text 7f, the same in fragments
c280: text c280, the same in fragments
dfbf: text dfbf, the same in fragments
e0a080: text e0a080, the same in fragments
ed9fbf: text ed9fbf, the same in fragments
ee8080: text ee8080, the same in fragments
efbfbf: text efbfbf, the same in fragments
efbfbe: text efbfbe, the same in fragments
f0908080: text f0908080, the same in fragments
f48fbfbf: text f48fbfbf, the same in fragments
48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121: text 48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121, the same in fragments
cebacf8ccf83cebcceb5: text cebacf8ccf83cebcceb5, the same in fragments
binary ff fe c0 af: binary fffec0af
== invalid
c0af: close 1007 "invalid UTF-8 in text message", EOF
c1bf: close 1007 "invalid UTF-8 in text message", EOF
e080af: close 1007 "invalid UTF-8 in text message", EOF
f08080af: close 1007 "invalid UTF-8 in text message", EOF
eda080: close 1007 "invalid UTF-8 in text message", EOF
edbfbf: close 1007 "invalid UTF-8 in text message", EOF
f4908080: close 1007 "invalid UTF-8 in text message", EOF
f5808080: close 1007 "invalid UTF-8 in text message", EOF
80: close 1007 "invalid UTF-8 in text message", EOF
bf: close 1007 "invalid UTF-8 in text message", EOF
fe: close 1007 "invalid UTF-8 in text message", EOF
ff: close 1007 "invalid UTF-8 in text message", EOF
ce (cut): close 1007 "invalid UTF-8 in text message", EOF
e0a0 (cut): close 1007 "invalid UTF-8 in text message", EOF
κόσμε + eda080: close 1007 "invalid UTF-8 in text message", EOF
== invalid, split into one-byte fragments: closed at the bad byte
after byte 11 (a0): close 1007 "invalid UTF-8 in text message"
== fail-fast 6.4.1: 3 fragments, the second invalid
  piece 1: no answer yet
  piece 2: close 1007 "invalid UTF-8 in text message"
  EOF, the rest never sent
== fail-fast 6.4.2: 3 fragments, invalid at the first byte of the second
  piece 1: no answer yet
  piece 2: close 1007 "invalid UTF-8 in text message"
  EOF, the rest never sent
== fail-fast 6.4.3: one frame in 3 pieces, the second invalid
  piece 1: no answer yet
  piece 2: close 1007 "invalid UTF-8 in text message"
  EOF, the rest never sent
== fail-fast 6.4.4: one frame in 3 pieces, invalid at the first byte of the second
  piece 1: no answer yet
  piece 2: close 1007 "invalid UTF-8 in text message"
  EOF, the rest never sent
--- the application saw
onMessage 7f
onMessage 7f
onMessage c280
onMessage c280
onMessage dfbf
onMessage dfbf
onMessage e0a080
onMessage e0a080
onMessage ed9fbf
onMessage ed9fbf
onMessage ee8080
onMessage ee8080
onMessage efbfbf
onMessage efbfbf
onMessage efbfbe
onMessage efbfbe
onMessage f0908080
onMessage f0908080
onMessage f48fbfbf
onMessage f48fbfbf
onMessage 48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121
onMessage 48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121
onMessage cebacf8ccf83cebcceb5
onMessage cebacf8ccf83cebcceb5
onMessage fffec0af
int(0)