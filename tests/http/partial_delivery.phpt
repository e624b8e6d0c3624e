--TEST--
HTTP partial delivery: requests sent one byte at a time (plain, chunked with trailers, pipelined) and a large body arriving in many writes are framed exactly as if sent whole
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start('', RECV_PROGRESS);
// One byte per write; each next byte is written once the server has read the previous one,
// so that it sees them one read at a time.
$sent = 0;
$trickle = function ($socket, string $bytes) use ($server, &$sent) {
    for ($i = 0; $i < strlen($bytes); $i++) {
        fwrite($socket, $bytes[$i]);
        $server->waitForRead($socket, ++$sent);
    }
};
$c = $server->connect();
$trickle($c, "GET /slow?a=1 HTTP/1.1\r\nHost: a\r\nX-Long: " . str_repeat('v', 40) . "\r\n\r\n");
echo 'GET, byte by byte: ', http_describe(http_read_response($c)), "\n";
$trickle($c, "POST /slow-cl HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world");
echo 'Content-Length body, byte by byte: ', http_describe(http_read_response($c)), "\n";
$trickle($c, "POST /dechunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    . "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Check: trickled\r\n\r\n");
$response = http_read_response($c);
echo "chunked body, byte by byte:\n", preg_replace('/^.*\r\n\r\n/s', '', $response), "\n";
// Two pipelined requests cut at awkward places.
foreach (["GET /s1 HTTP/1.1\r\nHo", "st: a\r\n\r", "\nGET /s2 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r", "\n"] as $piece) {
    fwrite($c, $piece);
    $server->waitForRead($c, $sent += strlen($piece));
}
echo 'two requests in four pieces: ', http_describe(http_until_eof($c)), "\n";

// 1 MB body in 1000 writes.
$c = $server->connect();
$body = '';
for ($i = 0; $i < 1000; $i++) {
    $body .= str_pad("$i|", 1000, '.');
}
fwrite($c, "POST /len HTTP/1.1\r\nHost: a\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n");
foreach (str_split($body, 1000) as $piece) {
    fwrite($c, $piece);
}
echo '1 MB in 1000 writes: ', str_replace(md5($body), 'MD5', http_describe(http_until_eof($c))), "\n";

// A chunked body of 100 chunks, one write each.
$c = $server->connect();
fwrite($c, "POST /len HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
foreach (str_split(substr($body, 0, 100000), 1000) as $piece) {
    fwrite($c, dechex(strlen($piece)) . "\r\n$piece\r\n");
}
fwrite($c, "0\r\n\r\n");
echo '100 chunks in 100 writes: ', str_replace(md5(substr($body, 0, 100000)), 'MD5', http_describe(http_until_eof($c))), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
GET, byte by byte: [200 keep-alive "GET /slow?a=1"]
Content-Length body, byte by byte: [200 keep-alive "POST /slow-cl body=hello world"]
chunked body, byte by byte:
{"body":"abc0123456789","content-length":"13","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"13","trailers":{"x-check":"trickled"},"trailer x-check":"trickled","trailer missing":"default"}
two requests in four pieces: [200 keep-alive "GET /s1"] [200 close "GET /s2"] <EOF>
1 MB in 1000 writes: [200 close "len=1000000 md5=MD5"] <EOF>
100 chunks in 100 writes: [200 close "len=100000 md5=MD5"] <EOF>
--- onMessage saw:
GET /slow?a=1
POST /slow-cl
POST /dechunked
GET /s1
GET /s2
POST /len
POST /len
int(0)
