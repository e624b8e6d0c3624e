--TEST--
Worker::$bodyTimeout: a body whose bytes keep coming (a pause shorter than the timeout between them, longer than it in total) is served; a body that stops (small, and large enough to be collected straight into the request) gets 408 and a close; a good client is served meanwhile
--FILE--
<?php
require __DIR__ . '/timeouts.inc';
$server = http_start('', '$w->headerTimeout = 1; $w->bodyTimeout = 1;');

// The stalled clients start first: their timeouts run while the slow one trickles.
$stalled = $server->connect();
fwrite($stalled, "POST /len HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nabc");
$large = $server->connect();
fwrite($large, "POST /len HTTP/1.1\r\nHost: a\r\nContent-Length: 300000\r\n\r\n" . str_repeat('z', 100000));
$chunked = $server->connect();
fwrite($chunked, "POST /len HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");

echo "== six body bytes, one every 0.4 s\n";
$c = $server->connect();
fwrite($c, "POST /len HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n");
foreach (str_split('abcdef') as $byte) {
    usleep(400000);  // the client's pace, not a wait for the server
    fwrite($c, $byte);
}
echo http_describe(http_read_response($c)), "\n";
echo "a good client meanwhile: ", http_exchange($server, "GET /good HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";

echo "== a body that stops after 3 of 6 bytes\n";
echo http_wire(http_until_eof($stalled)), "\n";
echo "== a large body that stops after 100000 of 300000 bytes\n";
echo http_wire(http_until_eof($large)), "\n";
echo "== a chunked body that stops inside a chunk\n";
echo http_wire(http_until_eof($chunked)), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
== six body bytes, one every 0.4 s
[200 keep-alive "len=6 md5=e80b5017098950fc58aad83c8c14978e"]
a good client meanwhile: [200 close "GET /good"] <EOF>
== a body that stops after 3 of 6 bytes
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
== a large body that stops after 100000 of 300000 bytes
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
== a chunked body that stops inside a chunk
HTTP/1.1 408 Request Timeout\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
--- onMessage saw:
POST /len
GET /good
int(0)
