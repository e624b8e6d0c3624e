--TEST--
HTTP parser: chunked request bodies (hex sizes in either case, extensions, trailers) reach onMessage de-chunked, with Content-Length instead of Transfer-Encoding in the head and trailers through trailer(); bad sizes, missing CRLFs, bare LF or CR line ends in the chunked framing (RFC 9112 7.1) and bad trailers get 400, oversized chunks 413
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$end = "GET /end HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
$head = "POST /dechunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
$accepted = [
    'sizes, extensions, a chunk of one space' => "5\r\nhello\r\n1;name=value;x\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n",
    'upper-case hex, BWS before an extension, 00' => "a ;ext\r\nABCDEFGHIJ\r\n00\r\n\r\n",
    'quoted extension value and trailers' => "4\r\nwiki\r\n5;ext=\"q;x\"\r\npedia\r\n0\r\nX-Check: yes\r\nOther-Trailer:  two \r\n\r\n",
    'only the last chunk' => "0\r\n\r\n",
];
foreach ($accepted as $name => $body) {
    $c = $server->connect();
    fwrite($c, $head . $body . $end);
    $response = http_read_response($c);
    echo "$name:\n", preg_replace('/^.*\r\n\r\n/s', '', $response), "\n";
    echo http_describe(http_until_eof($c)), "\n";
}
$refused = [
    'data longer than its size' => "5\r\nhelloX\r\n0\r\n\r\n",
    'data followed by a bare LF' => "5\r\nhello\n0\r\n\r\n",
    'data followed by CR and another byte' => "5\r\nhello\rX0\r\n\r\n",
    'size not hex' => "g\r\nhello\r\n0\r\n\r\n",
    'size 0x5' => "0x5\r\nhello\r\n0\r\n\r\n",
    'size +5' => "+5\r\nhello\r\n0\r\n\r\n",
    'size -5' => "-5\r\nhello\r\n0\r\n\r\n",
    'space before the size' => " 5\r\nhello\r\n0\r\n\r\n",
    'size 5 5' => "5 5\r\nhello\r\n0\r\n\r\n",
    'empty size line' => "\r\nhello\r\n0\r\n\r\n",
    'bare CR after the size' => "5\rhello\r\n0\r\n\r\n",
    'bare LF after the size' => "3\nxyz\r\n0\r\n\r\n",
    'bare LF after an extension' => "3;a=b\nxyz\r\n0\r\n\r\n",
    'bare LF after the last chunk' => "3\r\nxyz\r\n0\n\r\n",
    'bare LF after a trailer' => "0\r\nX: a\n\r\n",
    'bare LF as the last line' => "3\r\nxyz\r\n0\r\n\n",
    'bare CR in an extension' => "5;a\rb\r\nhello\r\n0\r\n\r\n",
    'size line that never ends' => '1;' . str_repeat('e', 16384),
    'folded trailer' => "0\r\nX: a\r\n bad: fold\r\n\r\n",
    'trailer without a colon' => "0\r\nno colon\r\n\r\n",
    'bare CR in a trailer' => "0\r\nX: a\rb\r\n\r\n",
    'bare CR as the last line' => "0\r\n\r\r\n",
    'size of 23 hex digits' => "fffffffffffffffffffffff\r\n",
    'size of 2^64' => "10000000000000000\r\nhello\r\n0\r\n\r\n",
];
foreach ($refused as $name => $body) {
    echo "$name: ", http_exchange($server, $head . $body . $end), "\n";
}
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
sizes, extensions, a chunk of one space:
{"body":"hello 0123456789","content-length":"16","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"16","trailers":[],"trailer x-check":null,"trailer missing":"default"}
[200 close "GET /end"] <EOF>
upper-case hex, BWS before an extension, 00:
{"body":"ABCDEFGHIJ","content-length":"10","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"10","trailers":[],"trailer x-check":null,"trailer missing":"default"}
[200 close "GET /end"] <EOF>
quoted extension value and trailers:
{"body":"wikipedia","content-length":"9","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"9","trailers":{"x-check":"yes","other-trailer":"two"},"trailer x-check":"yes","trailer missing":"default"}
[200 close "GET /end"] <EOF>
only the last chunk:
{"body":"","content-length":"0","transfer-encoding":null,"head has Transfer-Encoding":false,"head Content-Length":"0","trailers":[],"trailer x-check":null,"trailer missing":"default"}
[200 close "GET /end"] <EOF>
data longer than its size: [400 Bad Request] <EOF>
data followed by a bare LF: [400 Bad Request] <EOF>
data followed by CR and another byte: [400 Bad Request] <EOF>
size not hex: [400 Bad Request] <EOF>
size 0x5: [400 Bad Request] <EOF>
size +5: [400 Bad Request] <EOF>
size -5: [400 Bad Request] <EOF>
space before the size: [400 Bad Request] <EOF>
size 5 5: [400 Bad Request] <EOF>
empty size line: [400 Bad Request] <EOF>
bare CR after the size: [400 Bad Request] <EOF>
bare LF after the size: [400 Bad Request] <EOF>
bare LF after an extension: [400 Bad Request] <EOF>
bare LF after the last chunk: [400 Bad Request] <EOF>
bare LF after a trailer: [400 Bad Request] <EOF>
bare LF as the last line: [400 Bad Request] <EOF>
bare CR in an extension: [400 Bad Request] <EOF>
size line that never ends: [400 Bad Request] <EOF>
folded trailer: [400 Bad Request] <EOF>
trailer without a colon: [400 Bad Request] <EOF>
bare CR in a trailer: [400 Bad Request] <EOF>
bare CR as the last line: [400 Bad Request] <EOF>
size of 23 hex digits: [413 Payload Too Large] <EOF>
size of 2^64: [413 Payload Too Large] <EOF>
--- onMessage saw:
POST /dechunked
GET /end
POST /dechunked
GET /end
POST /dechunked
GET /end
POST /dechunked
GET /end
int(0)
