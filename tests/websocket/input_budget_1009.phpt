--TEST--
WebSocket and Worker::$maxInputMemory: two messages being collected pass the process's budget together: the larger is closed with 1009, the other completes and is echoed, and another client is served meanwhile
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(WS_ECHO_APP, '', '$w->maxInputMemory = 4 << 20;' . "\n" . RECV_PROGRESS);
// A 3 MB and a 2 MB binary message, each sent but for its last megabyte.
$big = WsClient::open($server);
$bigFrame = WsClient::frame(str_repeat('B', 3 << 20), 0x2);
$big->write(substr($bigFrame, 0, -(1 << 20)));
$server->waitForRead($big->socket, $big->sent);
$small = WsClient::open($server);
$smallPayload = str_repeat('s', 2 << 20);
$smallFrame = WsClient::frame($smallPayload, 0x2);
$small->write(substr($smallFrame, 0, -(1 << 20)));
echo "big:\n";
ws_until_closed($big);
$other = WsClient::open($server);
$other->send('hello');
echo "other: ", ws_describe($other->read()), "\n";
$small->write(substr($smallFrame, -(1 << 20)));
$echo = $small->read();
echo "small: ", $echo !== null && $echo['payload'] === $smallPayload ? 'echoed whole' : ws_describe($echo), "\n";
var_dump($server->stop());
?>
--EXPECT--
big:
  close 1009 "message too big for the server's memory budget"
  EOF
other: text "hello"
small: echoed whole
int(0)
