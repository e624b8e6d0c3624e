--TEST--
HTTP limits: a head (request line and headers) of exactly 16384 bytes is served, one byte more gets 431 and FIN; so does a head that never ends, whether its lines never end or its empty line never comes
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start('', RECV_PROGRESS);
// A head of exactly $size bytes, padded in one header.
$headOf = function (string $path, int $size): string {
    $base = "GET $path HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Pad: \r\n\r\n";
    return "GET $path HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Pad: " . str_repeat('p', $size - strlen($base)) . "\r\n\r\n";
};
$exact = $headOf('/exact', 16384);
var_dump(strlen($exact));
echo 'head of 16384 bytes: ', http_exchange($server, $exact), "\n";
echo 'head of 16385 bytes: ', http_exchange($server, $headOf('/over', 16385)), "\n";

// The same limit with a long target: 16383 bytes first, then the last one.
$target = '/' . str_repeat('t', 16384 - strlen("GET  HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n") - 1);
$long = "GET $target HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
var_dump(strlen($long));
$c = $server->connect();
fwrite($c, substr($long, 0, -1));
// The last byte goes once the server has read (and kept) the 16383 before it.
[$read, $buffered] = $server->waitForRead($c, 16383);
echo "server read $read bytes, holds $buffered\n";
fwrite($c, substr($long, -1));
$answer = http_until_eof($c);
echo 'long target, 16384 bytes in two writes: ', str_replace(substr($target, 1), 'TARGET', http_describe($answer)), "\n";
echo 'long target, 16385 bytes: ', http_exchange($server, "GET {$target}t HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";

// A request line that never ends, sent in pieces: answered once 16384 bytes are in.
$c = $server->connect();
fwrite($c, 'GET /');
for ($i = 0; $i < 16; $i++) {
    fwrite($c, str_repeat('a', 1024));
}
echo 'request line without end: ', http_describe(http_until_eof($c)), "\n";

// Header lines that keep coming without the empty line.
$c = $server->connect();
fwrite($c, "GET /endless HTTP/1.1\r\nHost: a\r\n");
for ($i = 0; $i < 1700; $i++) {
    @fwrite($c, "X-Endless: $i\r\n");
}
echo 'headers without end: ', http_describe(http_until_eof($c)), "\n";
echo "--- onMessage saw:\n", str_replace($target, '/TARGET', http_calls($server));
var_dump($server->stop());
?>
--EXPECT--
int(16384)
head of 16384 bytes: [200 close "GET /exact"] <EOF>
head of 16385 bytes: [431 Request Header Fields Too Large] <EOF>
int(16384)
server read 16383 bytes, holds 16383
long target, 16384 bytes in two writes: [200 close "GET /TARGET"] <EOF>
long target, 16385 bytes: [431 Request Header Fields Too Large] <EOF>
request line without end: [431 Request Header Fields Too Large] <EOF>
headers without end: [431 Request Header Fields Too Large] <EOF>
--- onMessage saw:
GET /exact
GET /TARGET
int(0)
