--TEST--
WebSocket handshake timeout (Worker::$headerTimeout): a handshake still incomplete when the timeout passes gets 408 and a close, a connection that sent nothing is closed without an answer; a client that completed its handshake is not timed by it and keeps talking
--FILE--
<?php
require_once __DIR__ . '/timeouts.inc';
require_once __DIR__ . '/../websocket/ws_client.inc';
$server = ws_start(WS_ECHO_APP . "\n\$w->headerTimeout = 1;");

$silent = $server->connect();
$partial = $server->connect();
fwrite($partial, substr(WsClient::request(), 0, 30));
$good = WsClient::open($server);
$good->send('before');
echo 'a good client meanwhile: ', ws_describe($good->read()), "\n";
echo "== half a handshake\n";
echo http_wire(http_until_eof($partial)), "\n";
echo "== nothing\n";
echo http_wire(http_until_eof($silent)), "\n";
$good->send('after');
echo 'the good client, after both timed out: ', ws_describe($good->read()), "\n";
var_dump($server->stop());
?>
--EXPECT--
a good client meanwhile: text "before"
== half a handshake
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 37\r\n
\r\n
the handshake did not arrive in time\n
<EOF>
== nothing
<EOF>
the good client, after both timed out: text "after"
int(0)
