--TEST--
HTTP pipelining: 16 requests of every framing in one write are answered in order; in a pipelined batch with a bad request, the requests before it are answered, then the error, then EOF, and the requests after it never reach onMessage (even when many bytes follow)
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$batch = '';
for ($i = 0; $i < 16; $i++) {
    $batch .= match ($i % 4) {
        0 => "GET /p$i HTTP/1.1\r\nHost: a\r\n\r\n",
        1 => "POST /p$i HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
        2 => "POST /p$i HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n1;x=y\r\n!\r\n0\r\nT: x\r\n\r\n",
        3 => "GET /p$i HTTP/1.0\nConnection: keep-alive\n\n",
    };
}
$c = $server->connect();
fwrite($c, $batch);
for ($i = 0; $i < 16; $i++) {
    echo http_describe(http_read_response($c)), "\n";
}
fwrite($c, "GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
echo http_describe(http_until_eof($c)), "\n";

echo "== a bad request in the middle of a batch\n";
$good = fn(string $path) => "GET $path HTTP/1.1\r\nHost: a\r\n\r\n";
echo http_exchange($server, $good('/b1') . $good('/b2') . "POST /b3 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"
    . "GET /bad HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n" . $good('/after1') . $good('/after2')), "\n";

echo "== a bad version after two requests, with 200 KB of requests behind it\n";
$tail = str_repeat($good('/tail'), intdiv(200 * 1024, strlen($good('/tail'))));
echo http_exchange($server, $good('/v1') . $good('/v2') . "GET /v3 HTTP/2.0\r\nHost: a\r\n\r\n" . $tail), "\n";

echo "== a request whose body is too large, after one request\n";
echo http_exchange($server, $good('/t1') . "POST /t2 HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n" . $good('/t3')), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
[200 keep-alive "GET /p0"]
[200 keep-alive "POST /p1 body=abc"]
[200 keep-alive "POST /p2 body=hi!"]
[200 keep-alive "GET /p3"]
[200 keep-alive "GET /p4"]
[200 keep-alive "POST /p5 body=abc"]
[200 keep-alive "POST /p6 body=hi!"]
[200 keep-alive "GET /p7"]
[200 keep-alive "GET /p8"]
[200 keep-alive "POST /p9 body=abc"]
[200 keep-alive "POST /p10 body=hi!"]
[200 keep-alive "GET /p11"]
[200 keep-alive "GET /p12"]
[200 keep-alive "POST /p13 body=abc"]
[200 keep-alive "POST /p14 body=hi!"]
[200 keep-alive "GET /p15"]
[200 close "GET /last"] <EOF>
== a bad request in the middle of a batch
[200 keep-alive "GET /b1"] [200 keep-alive "GET /b2"] [200 keep-alive "POST /b3 body=ok"] [400 Bad Request] <EOF>
== a bad version after two requests, with 200 KB of requests behind it
[200 keep-alive "GET /v1"] [200 keep-alive "GET /v2"] [505 HTTP Version Not Supported] <EOF>
== a request whose body is too large, after one request
[200 keep-alive "GET /t1"] [413 Payload Too Large] <EOF>
--- onMessage saw:
GET /p0
POST /p1
POST /p2
GET /p3
GET /p4
POST /p5
POST /p6
GET /p7
GET /p8
POST /p9
POST /p10
GET /p11
GET /p12
POST /p13
POST /p14
GET /p15
GET /last
GET /b1
GET /b2
POST /b3
GET /v1
GET /v2
GET /t1
int(0)
