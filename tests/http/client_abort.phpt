--TEST--
HTTP client abort: a client that closes in the middle of a head, a body or a chunked body is dropped without calling onMessage, and the same worker keeps serving new connections
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
[$child] = $server->waitForChildren(1);
$aborts = [
    'mid-head' => "GET /abort-head HTTP/1.1\r\nHost: a\r\nX-Half: ",
    'mid-body' => "POST /abort-body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789",
    'mid-chunked-body' => "POST /abort-chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nabc",
    'after the last chunk, before the empty line' => "POST /abort-trailer HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n",
    'mid-body, after a complete request' => "GET /served HTTP/1.1\r\nHost: a\r\n\r\nPOST /abort-second HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc",
];
foreach ($aborts as $name => $bytes) {
    $c = $server->connect();
    fwrite($c, $bytes);
    if ($name === 'mid-body, after a complete request') {
        echo "$name: ", http_describe(http_read_response($c)), "\n";
    }
    fclose($c);
    echo "$name, then a new connection: ", http_exchange($server, "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
}
// One that half-closes (FIN) mid-body and waits: the request can never complete.
$c = $server->connect();
fwrite($c, "POST /abort-half HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789");
stream_socket_shutdown($c, STREAM_SHUT_WR);
echo 'half-closed mid-body: ', http_describe(http_until_eof($c)), "\n";
echo 'then a new connection: ', http_exchange($server, "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
var_dump($server->children() === [$child]);
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
mid-head, then a new connection: [200 close "GET /after"] <EOF>
mid-body, then a new connection: [200 close "GET /after"] <EOF>
mid-chunked-body, then a new connection: [200 close "GET /after"] <EOF>
after the last chunk, before the empty line, then a new connection: [200 close "GET /after"] <EOF>
mid-body, after a complete request: [200 keep-alive "GET /served"]
mid-body, after a complete request, then a new connection: [200 close "GET /after"] <EOF>
half-closed mid-body: <EOF>
then a new connection: [200 close "GET /after"] <EOF>
bool(true)
--- onMessage saw:
GET /after
GET /after
GET /after
GET /after
GET /served
GET /after
GET /after
int(0)
