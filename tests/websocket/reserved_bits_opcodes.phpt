--TEST--
WebSocket reserved bits and opcodes (Autobahn 3.x and 4.x): any RSV bit (on text, binary, ping, close, also chopped) and any reserved opcode (0x3-0x7, 0xB-0xF, with and without payload) closes with 1002 right away; what came before is answered, what comes after is not
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(WS_ECHO_APP, '', RECV_PROGRESS);

$cases = [];
foreach ([1, 2, 3, 4, 5, 6, 7] as $rsv) {
    $opcode = [1 => 0x1, 2 => 0x1, 3 => 0x1, 4 => 0x1, 5 => 0x2, 6 => 0x9, 7 => 0x8][$rsv];
    $cases["RSV $rsv on opcode $opcode"] = [WsClient::frame($opcode === 0x8 ? WsClient::closePayload(1000) : 'Hello', $opcode, true, true, $rsv), $rsv === 4];
}
foreach ([3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF] as $opcode) {
    $cases[sprintf('opcode 0x%X', $opcode)] = [WsClient::frame('', $opcode), false];
    if ($opcode === 4 || $opcode === 0xC) {
        $cases[sprintf('opcode 0x%X with payload', $opcode)] = [WsClient::frame('reserved', $opcode), false];
    }
}
foreach ($cases as $name => [$bad, $chopped]) {
    echo "== $name", $chopped ? ' (chopped)' : '', "\n";
    $ws = WsClient::open($server);
    $before = WsClient::frame('before') . WsClient::frame('ping', 0x9);
    $after = WsClient::frame('after') . WsClient::frame('ping after', 0x9);
    if ($chopped) {
        $ws->writeChopped($before . $bad . $after, 1);
    } else {
        $ws->write($before . $bad . $after);
    }
    ws_until_closed($ws);
}
var_dump($server->stop());
?>
--EXPECT--
== RSV 1 on opcode 1
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 2 on opcode 1
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 3 on opcode 1
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 4 on opcode 1 (chopped)
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 5 on opcode 2
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 6 on opcode 9
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== RSV 7 on opcode 8
  text "before"
  pong "ping"
  close 1002 "reserved bit set"
  EOF
== opcode 0x3
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0x4
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0x4 with payload
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0x5
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0x6
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0x7
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xB
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xC
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xC with payload
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xD
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xE
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
== opcode 0xF
  text "before"
  pong "ping"
  close 1002 "reserved opcode"
  EOF
int(0)