--TEST--
HTTP limits: head + body up to maxPackageSize is served; one byte more gets 413 and FIN as soon as the head announces it, before any body byte is sent (Content-Length or chunk sizes; the 10 MB default too)
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start('TcpConnection::$defaultMaxPackageSize = 1000;');
$headFor = fn(string $path, int $length) => "POST $path HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: $length\r\n\r\n";
$head = $headFor('/len', 900);
$fits = 1000 - strlen($head);
var_dump($fits);
$body = str_repeat('b', $fits);
echo 'head + body = 1000: ', http_exchange($server, $headFor('/len', $fits) . $body), "\n";

// One byte too many: only the head is sent, the answer comes anyway.
$c = $server->connect();
fwrite($c, $headFor('/len', $fits + 1));
echo 'head + body = 1001, head only sent: ', http_describe(http_until_eof($c)), "\n";
$c = $server->connect();
fwrite($c, $headFor('/len', 5000));
echo 'Content-Length: 5000, head only sent: ', http_describe(http_until_eof($c)), "\n";

// Chunked: judged on the chunk sizes, before the chunk data.
$chunkedHead = "POST /len HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
echo 'chunked, small: ', http_exchange($server, $chunkedHead . "64\r\n" . str_repeat('c', 100) . "\r\n0\r\n\r\n"), "\n";
$c = $server->connect();
fwrite($c, $chunkedHead . "3e9\r\n");
echo 'chunk of 1001 announced: ', http_describe(http_until_eof($c)), "\n";
$c = $server->connect();
fwrite($c, $chunkedHead . "258\r\n" . str_repeat('c', 600) . "\r\n258\r\n");
echo 'two chunks of 600 announced: ', http_describe(http_until_eof($c)), "\n";
// The head counts too: 78 bytes of head + a chunk of 1000 is more than 1000.
$c = $server->connect();
fwrite($c, $chunkedHead . "3e8\r\n");
echo 'head of ', strlen($chunkedHead), ' bytes, chunk of 1000 announced: ', http_describe(http_until_eof($c)), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());

// The default limit is TcpConnection::$defaultMaxPackageSize = 10 MB.
$server = http_start();
$c = $server->connect();
$tenMb = 10 * 1024 * 1024;
fwrite($c, $headFor('/len', $tenMb));
echo 'Content-Length: 10 MB with the default limit: ', http_describe(http_until_eof($c)), "\n";
$c = $server->connect();
stream_set_timeout($c, 30);
$length = $tenMb - strlen($headFor('/len', $tenMb));
$big = str_repeat('0123456789abcdef', $tenMb / 16);
fwrite($c, $headFor('/len', $length) . substr($big, 0, $length));
$answer = http_describe(http_until_eof($c, 30));
echo 'head + body = 10 MB: ', str_replace([(string)$length, md5(substr($big, 0, $length))], ['LENGTH', 'MD5'], $answer), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
int(929)
head + body = 1000: [200 close "len=929 md5=0ee3e6eaaf5ad01f8b4514912b53a3d2"] <EOF>
head + body = 1001, head only sent: [413 Payload Too Large] <EOF>
Content-Length: 5000, head only sent: [413 Payload Too Large] <EOF>
chunked, small: [200 close "len=100 md5=ca69c3acc86e56b995aa27bba6f2acdc"] <EOF>
chunk of 1001 announced: [413 Payload Too Large] <EOF>
two chunks of 600 announced: [413 Payload Too Large] <EOF>
head of 78 bytes, chunk of 1000 announced: [413 Payload Too Large] <EOF>
--- onMessage saw:
POST /len
POST /len
int(0)
Content-Length: 10 MB with the default limit: [413 Payload Too Large] <EOF>
head + body = 10 MB: [200 close "len=LENGTH md5=MD5"] <EOF>
--- onMessage saw:
POST /len
int(0)
