--TEST--
HTTP and Worker::$maxInputMemory: two uploads whose bodies are being collected pass the process's budget together: the larger one is answered 413 and closed, the other completes and is answered, and a GET is served meanwhile
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start('', '$w->maxInputMemory = 4 << 20;' . "\n" . RECV_PROGRESS);
$head = fn(int $length) => "POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: $length\r\n\r\n";
// Each body is held in a string of its announced size from its head on: 3 MB, then 2 MB.
$first = $server->connect();
fwrite($first, $head(3 << 20) . str_repeat('1', 1 << 20));
$server->waitForRead($first, strlen($head(3 << 20)) + (1 << 20));
$second = $server->connect();
fwrite($second, $head(2 << 20) . str_repeat('2', 1 << 20));
echo "first: ", http_describe(http_until_eof($first)), "\n";
echo "GET meanwhile: ", http_exchange($server, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "\n";
fwrite($second, str_repeat('2', 1 << 20));
$answer = http_describe(http_read_response($second));
echo "second: ", str_replace(md5(str_repeat('2', 2 << 20)), 'MD5-OF-THE-BODY', $answer), "\n";
var_dump($server->stop());
?>
--EXPECT--
first: [413 Payload Too Large] <EOF>
GET meanwhile: [200 close "GET /hello"] <EOF>
second: [200 keep-alive "len=2097152 md5=MD5-OF-THE-BODY"]
int(0)
