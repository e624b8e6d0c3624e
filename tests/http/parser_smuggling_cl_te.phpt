--TEST--
HTTP parser: body framing that could be read two ways is refused (bad or conflicting Content-Length, Content-Length with Transfer-Encoding, obfuscated or non-final chunked, Transfer-Encoding in HTTP/1.0) with 400, other codings with 501; the bytes that would have been smuggled never reach onMessage
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$end = "GET /end HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
$chunked = "5\r\nhello\r\n0\r\n\r\n";
$post = fn(string $path, string $headers, string $body) => "POST $path HTTP/1.1\r\nHost: a\r\n$headers\r\n$body";
$cases = [
    'Content-Length' => $post('/cl', "Content-Length: 5\r\n", 'hello'),
    'Content-Length with OWS' => $post('/cl-ows', "Content-Length:  5\t\r\n", 'hello'),
    'Content-Length with leading zeros' => $post('/cl-zeros', "Content-Length: 007\r\n", 'hello, '),
    'Content-Length: 0' => $post('/cl-zero', "Content-Length: 0\r\n", ''),
    'two equal Content-Lengths' => $post('/cl-twice', "Content-Length: 5\r\nContent-Length: 5\r\n", 'hello'),
    'Content-Length: abc' => $post('/x', "Content-Length: abc\r\n", 'hello'),
    'Content-Length: +5' => $post('/x', "Content-Length: +5\r\n", 'hello'),
    'Content-Length: -5' => $post('/x', "Content-Length: -5\r\n", 'hello'),
    'Content-Length: 0x5' => $post('/x', "Content-Length: 0x5\r\n", 'hello'),
    'Content-Length: 5 5' => $post('/x', "Content-Length: 5 5\r\n", 'hello'),
    'Content-Length: 5, 5' => $post('/x', "Content-Length: 5, 5\r\n", 'hello'),
    'empty Content-Length' => $post('/x', "Content-Length:\r\n", 'hello'),
    'Content-Length overflow' => $post('/x', "Content-Length: 18446744073709551621\r\n", 'hello'),
    'Content-Length with a space before the colon' => $post('/x', "Content-Length : 5\r\n", 'hello'),
    'two different Content-Lengths' => $post('/x', "Content-Length: 5\r\nContent-Length: 6\r\n", 'hello!'),
    'Content-Length then Transfer-Encoding' => $post('/x', "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", $chunked),
    'Transfer-Encoding then Content-Length' => $post('/x', "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", $chunked),
    'Transfer-Encoding with Content-Length: 0' => $post('/x', "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n", $chunked),
    'classic CL.TE smuggling' => $post('/x', "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
    'chunked' => $post('/te', "Transfer-Encoding: chunked\r\n", $chunked),
    'CHUNKED' => $post('/te-upper', "Transfer-Encoding: CHUNKED\r\n", $chunked),
    'chunked with OWS around it' => $post('/te-ows', "Transfer-Encoding:\t chunked \t\r\n", $chunked),
    'a name that only looks like Transfer-Encoding' => $post('/te-underscore', "Transfer_Encoding: chunked\r\nContent-Length: 5\r\n", 'hello'),
    'Transfer-Encoding: gzip' => $post('/x', "Transfer-Encoding: gzip\r\n", $chunked),
    'Transfer-Encoding: identity' => $post('/x', "Transfer-Encoding: identity\r\n", $chunked),
    'Transfer-Encoding: xchunked' => $post('/x', "Transfer-Encoding: xchunked\r\n", $chunked),
    'Transfer-Encoding: gzip, chunked' => $post('/x', "Transfer-Encoding: gzip, chunked\r\n", $chunked),
    'gzip and chunked in two lines' => $post('/x', "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", $chunked),
    'Transfer-Encoding: chunked, chunked' => $post('/x', "Transfer-Encoding: chunked, chunked\r\n", $chunked),
    'chunked in two lines' => $post('/x', "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", $chunked),
    'Transfer-Encoding: chunked, gzip' => $post('/x', "Transfer-Encoding: chunked, gzip\r\n", $chunked),
    'Transfer-Encoding: chunked, identity' => $post('/x', "Transfer-Encoding: chunked, identity\r\n", $chunked),
    'Transfer-Encoding: chunked,' => $post('/x', "Transfer-Encoding: chunked,\r\n", $chunked),
    'Transfer-Encoding: ,chunked' => $post('/x', "Transfer-Encoding: ,chunked\r\n", $chunked),
    'empty Transfer-Encoding' => $post('/x', "Transfer-Encoding:\r\n", $chunked),
    'Transfer-Encoding: chunked;q=1' => $post('/x', "Transfer-Encoding: chunked;q=1\r\n", $chunked),
    'Transfer-Encoding: "chunked"' => $post('/x', "Transfer-Encoding: \"chunked\"\r\n", $chunked),
    'Transfer-Encoding with a space before the colon' => $post('/x', "Transfer-Encoding : chunked\r\n", $chunked),
    'Transfer-Encoding indented' => $post('/x', " Transfer-Encoding: chunked\r\n", $chunked),
    'Transfer-Encoding folded onto another header' => $post('/x', "X: y\r\n\tTransfer-Encoding: chunked\r\n", $chunked),
    'chunked folded over two lines' => $post('/x', "Transfer-Encoding: chunk\r\n ed\r\n", $chunked),
    'vertical tab before chunked' => $post('/x', "Transfer-Encoding: \x0bchunked\r\n", $chunked),
    'form feed after chunked' => $post('/x', "Transfer-Encoding: chunked\x0c\r\n", $chunked),
    'bare CR before chunked' => $post('/x', "Transfer-Encoding:\rchunked\r\n", $chunked),
    'bare CR hiding Transfer-Encoding' => $post('/x', "Content-Length: 5\rTransfer-Encoding: chunked\r\n", $chunked),
    'bare LF hiding Transfer-Encoding' => $post('/x', "Transfer-Encoding: x\nTransfer-Encoding: chunked\r\n", $chunked),
    'Transfer-Encoding in HTTP/1.0' => "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n$chunked",
    'Transfer-Encoding gzip in HTTP/1.0' => "POST /x HTTP/1.0\r\nTransfer-Encoding: gzip\r\n\r\n",
];
foreach ($cases as $name => $request) {
    echo "$name: ", http_exchange($server, $request . $end), "\n";
}
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
Content-Length: [200 keep-alive "POST /cl body=hello"] [200 close "GET /end"] <EOF>
Content-Length with OWS: [200 keep-alive "POST /cl-ows body=hello"] [200 close "GET /end"] <EOF>
Content-Length with leading zeros: [200 keep-alive "POST /cl-zeros body=hello, "] [200 close "GET /end"] <EOF>
Content-Length: 0: [200 keep-alive "POST /cl-zero"] [200 close "GET /end"] <EOF>
two equal Content-Lengths: [200 keep-alive "POST /cl-twice body=hello"] [200 close "GET /end"] <EOF>
Content-Length: abc: [400 Bad Request] <EOF>
Content-Length: +5: [400 Bad Request] <EOF>
Content-Length: -5: [400 Bad Request] <EOF>
Content-Length: 0x5: [400 Bad Request] <EOF>
Content-Length: 5 5: [400 Bad Request] <EOF>
Content-Length: 5, 5: [400 Bad Request] <EOF>
empty Content-Length: [400 Bad Request] <EOF>
Content-Length overflow: [400 Bad Request] <EOF>
Content-Length with a space before the colon: [400 Bad Request] <EOF>
two different Content-Lengths: [400 Bad Request] <EOF>
Content-Length then Transfer-Encoding: [400 Bad Request] <EOF>
Transfer-Encoding then Content-Length: [400 Bad Request] <EOF>
Transfer-Encoding with Content-Length: 0: [400 Bad Request] <EOF>
classic CL.TE smuggling: [400 Bad Request] <EOF>
chunked: [200 keep-alive "POST /te body=hello"] [200 close "GET /end"] <EOF>
CHUNKED: [200 keep-alive "POST /te-upper body=hello"] [200 close "GET /end"] <EOF>
chunked with OWS around it: [200 keep-alive "POST /te-ows body=hello"] [200 close "GET /end"] <EOF>
a name that only looks like Transfer-Encoding: [200 keep-alive "POST /te-underscore body=hello"] [200 close "GET /end"] <EOF>
Transfer-Encoding: gzip: [501 Not Implemented] <EOF>
Transfer-Encoding: identity: [501 Not Implemented] <EOF>
Transfer-Encoding: xchunked: [501 Not Implemented] <EOF>
Transfer-Encoding: gzip, chunked: [501 Not Implemented] <EOF>
gzip and chunked in two lines: [501 Not Implemented] <EOF>
Transfer-Encoding: chunked, chunked: [400 Bad Request] <EOF>
chunked in two lines: [400 Bad Request] <EOF>
Transfer-Encoding: chunked, gzip: [400 Bad Request] <EOF>
Transfer-Encoding: chunked, identity: [400 Bad Request] <EOF>
Transfer-Encoding: chunked,: [400 Bad Request] <EOF>
Transfer-Encoding: ,chunked: [400 Bad Request] <EOF>
empty Transfer-Encoding: [400 Bad Request] <EOF>
Transfer-Encoding: chunked;q=1: [400 Bad Request] <EOF>
Transfer-Encoding: "chunked": [400 Bad Request] <EOF>
Transfer-Encoding with a space before the colon: [400 Bad Request] <EOF>
Transfer-Encoding indented: [400 Bad Request] <EOF>
Transfer-Encoding folded onto another header: [400 Bad Request] <EOF>
chunked folded over two lines: [400 Bad Request] <EOF>
vertical tab before chunked: [400 Bad Request] <EOF>
form feed after chunked: [400 Bad Request] <EOF>
bare CR before chunked: [400 Bad Request] <EOF>
bare CR hiding Transfer-Encoding: [400 Bad Request] <EOF>
bare LF hiding Transfer-Encoding: [501 Not Implemented] <EOF>
Transfer-Encoding in HTTP/1.0: [400 Bad Request] <EOF>
Transfer-Encoding gzip in HTTP/1.0: [400 Bad Request] <EOF>
--- onMessage saw:
POST /cl
GET /end
POST /cl-ows
GET /end
POST /cl-zeros
GET /end
POST /cl-zero
GET /end
POST /cl-twice
GET /end
POST /te
GET /end
POST /te-upper
GET /end
POST /te-ows
GET /end
POST /te-underscore
GET /end
int(0)
