--TEST--
WebSocket close handshake (Autobahn 7.x): a close is answered with a close echoing the code (an empty one with an empty one) and the connection is closed; nothing after the close is read; a 1-byte payload, a reason making it longer than 125 bytes and invalid codes close with 1002, an invalid UTF-8 reason with 1007; onWebSocketClose gets code and reason; close()/end() by the application send close 1000 (once, also after a raw close frame); send() after the close frame returns false; an exception in onMessage closes with 1011
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    note("onMessage $m");
    switch ($m) {
        case 'close me':
            $c->close();
            note('send() after close() returns ' . var_export($c->send('late'), true));
            return;
        case 'close with data':
            $c->close('last words');
            return;
        case 'end':
            $c->end();
            return;
        case 'raw close':
            $c->close("\x88\x02\x03\xe8", true);
            return;
        case 'throw':
            throw new DomainException('oops');
    }
    $c->send($m);
};
$w->onWebSocketClose = function ($c, $code, $reason) {
    note("onWebSocketClose $code " . json_encode($reason));
    if ($reason === 'reply first') {
        $c->send('a reply before the close');
    } elseif ($reason === 'close it') {
        $c->close();
    }
};
$w->onClose = fn($c) => note('onClose');
PHP);

$steps = [
    '7.1.1 a message, then close 1000' => WsClient::frame('hello') . WsClient::frame(WsClient::closePayload(1000), 0x8),
    '7.1.2 two closes' => WsClient::frame(WsClient::closePayload(1000), 0x8) . WsClient::frame(WsClient::closePayload(1001), 0x8),
    '7.1.3 close, then a ping' => WsClient::frame(WsClient::closePayload(1000), 0x8) . WsClient::frame('ping', 0x9),
    '7.1.4 close, then a message' => WsClient::frame(WsClient::closePayload(1000), 0x8) . WsClient::frame('never'),
    '7.1.5 a fragment, close, then the last fragment' => WsClient::frame('frag', 0x1, false) . WsClient::frame(WsClient::closePayload(1000), 0x8) . WsClient::frame('ment', 0x0),
    '7.3.1 an empty close' => WsClient::frame('', 0x8),
    '7.3.2 a 1-byte close payload' => WsClient::frame("\x03", 0x8),
    '7.3.4 close 1000 with a reason' => WsClient::frame(WsClient::closePayload(1000, 'Hello World!'), 0x8),
    '7.3.5 a reason of 123 bytes' => WsClient::frame(WsClient::closePayload(1000, str_repeat('*', 123)), 0x8),
    '7.3.6 a reason of 124 bytes' => WsClient::frame(WsClient::closePayload(1000, str_repeat('*', 124)), 0x8),
    '7.5.1 a reason that is not UTF-8' => WsClient::frame(WsClient::closePayload(1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64\x69\x74\x65\x64"), 0x8),
    'onWebSocketClose replies first' => WsClient::frame(WsClient::closePayload(4000, 'reply first'), 0x8),
    'onWebSocketClose closes itself' => WsClient::frame(WsClient::closePayload(4001, 'close it'), 0x8),
];
foreach ([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999] as $code) {
    $steps["7.7 valid code $code"] = WsClient::frame(WsClient::closePayload($code), 0x8);
}
foreach ([0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as $code) {
    $steps["7.9 invalid code $code"] = WsClient::frame(WsClient::closePayload($code), 0x8);
}
foreach (['close me', 'close with data', 'end', 'raw close', 'throw'] as $message) {
    $steps["the application: $message"] = WsClient::frame($message);
}
foreach ($steps as $name => $bytes) {
    echo "== $name\n";
    $ws = WsClient::open($server);
    $ws->write($bytes);
    ws_until_closed($ws);
    $ws->close();
    echo '  ', str_replace("\n", "\n  ", trim(ws_events_until($server, $name === 'the application: close me' ? 'send() after close() returns false' : 'onClose'))), "\n";
    ws_events_reset($server);
}
echo "--- log\n";
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'threw')) {
        echo preg_replace('/ in \S+server\.php:/', ' in server.php:', strtok($line, "\n")), "\n";
    }
}
var_dump($server->stop());
?>
--EXPECT--
== 7.1.1 a message, then close 1000
  text "hello"
  close 1000 ""
  EOF
  onMessage hello
  onWebSocketClose 1000 ""
  onClose
== 7.1.2 two closes
  close 1000 ""
  EOF
  onWebSocketClose 1000 ""
  onClose
== 7.1.3 close, then a ping
  close 1000 ""
  EOF
  onWebSocketClose 1000 ""
  onClose
== 7.1.4 close, then a message
  close 1000 ""
  EOF
  onWebSocketClose 1000 ""
  onClose
== 7.1.5 a fragment, close, then the last fragment
  close 1000 ""
  EOF
  onWebSocketClose 1000 ""
  onClose
== 7.3.1 an empty close
  close (empty)
  EOF
  onWebSocketClose 1005 ""
  onClose
== 7.3.2 a 1-byte close payload
  close 1002 "close payload of one byte"
  EOF
  onClose
== 7.3.4 close 1000 with a reason
  close 1000 ""
  EOF
  onWebSocketClose 1000 "Hello World!"
  onClose
== 7.3.5 a reason of 123 bytes
  close 1000 ""
  EOF
  onWebSocketClose 1000 "***************************************************************************************************************************"
  onClose
== 7.3.6 a reason of 124 bytes
  close 1002 "control frame too long"
  EOF
  onClose
== 7.5.1 a reason that is not UTF-8
  close 1007 "invalid UTF-8 in close reason"
  EOF
  onClose
== onWebSocketClose replies first
  text "a reply before the close"
  close 4000 ""
  EOF
  onWebSocketClose 4000 "reply first"
  onClose
== onWebSocketClose closes itself
  close 4001 ""
  EOF
  onWebSocketClose 4001 "close it"
  onClose
== 7.7 valid code 1000
  close 1000 ""
  EOF
  onWebSocketClose 1000 ""
  onClose
== 7.7 valid code 1001
  close 1001 ""
  EOF
  onWebSocketClose 1001 ""
  onClose
== 7.7 valid code 1002
  close 1002 ""
  EOF
  onWebSocketClose 1002 ""
  onClose
== 7.7 valid code 1003
  close 1003 ""
  EOF
  onWebSocketClose 1003 ""
  onClose
== 7.7 valid code 1007
  close 1007 ""
  EOF
  onWebSocketClose 1007 ""
  onClose
== 7.7 valid code 1008
  close 1008 ""
  EOF
  onWebSocketClose 1008 ""
  onClose
== 7.7 valid code 1009
  close 1009 ""
  EOF
  onWebSocketClose 1009 ""
  onClose
== 7.7 valid code 1010
  close 1010 ""
  EOF
  onWebSocketClose 1010 ""
  onClose
== 7.7 valid code 1011
  close 1011 ""
  EOF
  onWebSocketClose 1011 ""
  onClose
== 7.7 valid code 3000
  close 3000 ""
  EOF
  onWebSocketClose 3000 ""
  onClose
== 7.7 valid code 3999
  close 3999 ""
  EOF
  onWebSocketClose 3999 ""
  onClose
== 7.7 valid code 4000
  close 4000 ""
  EOF
  onWebSocketClose 4000 ""
  onClose
== 7.7 valid code 4999
  close 4999 ""
  EOF
  onWebSocketClose 4999 ""
  onClose
== 7.9 invalid code 0
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 999
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1004
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1005
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1006
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1015
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1016
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 1100
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 2000
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 2999
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 5000
  close 1002 "invalid close code"
  EOF
  onClose
== 7.9 invalid code 65535
  close 1002 "invalid close code"
  EOF
  onClose
== the application: close me
  close 1000 ""
  EOF
  onMessage close me
  onClose
  send() after close() returns false
== the application: close with data
  text "last words"
  close 1000 ""
  EOF
  onMessage close with data
  onClose
== the application: end
  close 1000 ""
  EOF
  onMessage end
  onClose
== the application: raw close
  close 1000 ""
  EOF
  onMessage raw close
  onClose
== the application: throw
  close 1011 "internal error"
  EOF
  onMessage throw
  onClose
--- log
Worker[none] onMessage of connection 43 threw DomainException: oops in server.php:29
int(0)