--TEST--
HTTP Request: a chunked request reaches PHP de-chunked (rawHead without Transfer-Encoding, with Content-Length) and its trailers through trailer()
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
function report(array $items): string {
    $out = '';
    foreach ($items as $k => $v) {
        $out .= "$k: " . json_encode($v, JSON_UNESCAPED_SLASHES) . "\n";
    }
    return $out;
}
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $lines = explode("\r\n", $r->rawHead());
    $c->send(report([
        'head lines but Content-Length' => array_values(preg_grep('/^Content-Length:/i', $lines, PREG_GREP_INVERT)),
        'Content-Length lines' => array_values(preg_grep('/^Content-Length:/i', $lines)),
        'rawBody' => $r->rawBody(),
        'rawBuffer consistent' => $r->rawBuffer() === $r->rawHead() . "\r\n\r\n" . $r->rawBody(),
        'header(transfer-encoding)' => $r->header('transfer-encoding'),
        'header(content-length)' => $r->header('content-length'),
        'trailer(x-checksum)' => $r->trailer('x-checksum'),
        'trailer(x-none, d)' => $r->trailer('x-none', 'd'),
    ] + ($r->path() === '/with-trailers' ? ['post()' => $r->post(), 'trailer()' => $r->trailer()] : [])));
};
Worker::runAll();
PHP);
$c = $server->connect();
// Two chunked requests in one write; chunk sizes in both cases of hex, with extensions.
fwrite($c, "POST /with-trailers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Before: 1\r\nTransfer-Encoding: chunked\r\nX-After: 2\r\n"
    . "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    . "5;ext=1\r\na=1&b\r\n3\r\n=22\r\n0\r\nX-Checksum: abc\r\nX-Other: two words\r\n\r\n"
    . "PUT /plain HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    . "A\r\n0123456789\r\nb;name=\"v\"\r\n\r\nabcdefghi\r\n0\r\n\r\n");
echo http_read($c)['body'], "--\n", http_read($c)['body'];
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
head lines but Content-Length: ["POST /with-trailers HTTP/1.1","Host: 127.0.0.1","X-Before: 1","X-After: 2","Content-Type: application/x-www-form-urlencoded"]
Content-Length lines: ["Content-Length: 8"]
rawBody: "a=1&b=22"
rawBuffer consistent: true
header(transfer-encoding): null
header(content-length): "8"
trailer(x-checksum): "abc"
trailer(x-none, d): "d"
post(): {"a":"1","b":"22"}
trailer(): {"x-checksum":"abc","x-other":"two words"}
--
head lines but Content-Length: ["PUT /plain HTTP/1.1","Host: 127.0.0.1"]
Content-Length lines: ["Content-Length: 21"]
rawBody: "0123456789\r\nabcdefghi"
rawBuffer consistent: true
header(transfer-encoding): null
header(content-length): "21"
trailer(x-checksum): null
trailer(x-none, d): "d"
int(0)
