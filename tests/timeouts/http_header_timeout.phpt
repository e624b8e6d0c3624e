--TEST--
Worker::$headerTimeout (slowloris): a request head that is still incomplete when the timeout passes gets 408 and a close, even while its bytes keep coming (the whole head counts, not the pause between bytes); a connection that sent nothing is closed without an answer; the head of a next request on a keep-alive connection is timed from its first byte; other clients are served meanwhile
--FILE--
<?php
require __DIR__ . '/timeouts.inc';
$server = http_start('', '$w->headerTimeout = 1; $w->keepAliveTimeout = 60;');

$silent = $server->connect();
$slow = $server->connect();
$head = "GET /slow HTTP/1.1\r\nHost: a\r\nX-Pad: " . str_repeat('x', 400) . "\r\n\r\n";
fwrite($slow, substr($head, 0, 10));
echo "a good client meanwhile: ", http_exchange($server, "GET /good HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
echo "== a head one byte every 0.2 s, never complete\n";
echo http_wire(dribble_until_closed($slow, substr($head, 10), 2, 0.2)), "\n";
echo "== a connection that sent nothing\n";
echo http_wire(http_until_eof($silent)), "\n";

echo "== keep-alive: a first request, then half a second head\n";
$c = $server->connect();
fwrite($c, "GET /first HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_describe(http_read_response($c)), "\n";
fwrite($c, "GET /second HTTP/1.1\r\nHo");
echo http_wire(http_until_eof($c)), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
a good client meanwhile: [200 close "GET /good"] <EOF>
== a head one byte every 0.2 s, never complete
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
== a connection that sent nothing
<EOF>
== keep-alive: a first request, then half a second head
[200 keep-alive "GET /first"]
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
--- onMessage saw:
GET /good
GET /first
int(0)
