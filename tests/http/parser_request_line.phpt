--TEST--
HTTP parser: request lines (methods are case-sensitive tokens, origin-form, absolute-form and OPTIONS *, HTTP/1.0 and 1.1, a later HTTP/1 minor version served as 1.1) are answered 200, 400 or 505; a rejected request never reaches onMessage and its connection gets FIN after the answer
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
// After each case a request that closes the connection: a case that is accepted is
// answered, then this one; a case that is refused is the last thing answered.
$end = "GET /end HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
$cases = [
    'plain GET' => "GET /plain HTTP/1.1\r\nHost: a\r\n\r\n",
    'query string' => "GET /q?x=1&y=%20 HTTP/1.1\r\nHost: a\r\n\r\n",
    'extension method' => "M-SEARCH /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'lower-case method is another method' => "get /lower HTTP/1.1\r\nHost: a\r\n\r\n",
    'obs-text in target' => "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n",
    'OPTIONS *' => "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    'absolute-form' => "GET http://a/abs HTTP/1.1\r\nHost: a\r\n\r\n",
    'empty lines before the request line' => "\r\n\nGET /after-empty-lines HTTP/1.1\r\nHost: a\r\n\r\n",
    'bare LF line ends' => "GET /lf HTTP/1.1\nHost: a\n\n",
    'bare LF line ends and a body' => "POST /lf-body HTTP/1.1\nHost: a\nContent-Length: 3\n\nabc",
    'HTTP/1.2 served as 1.1' => "GET /v12 HTTP/1.2\r\nHost: a\r\n\r\n",
    'HTTP/1.7 served as 1.1' => "GET /v17 HTTP/1.7\r\nHost: a\r\n\r\n",
    'HTTP/1.9 without Host, as 1.1' => "GET /v19 HTTP/1.9\r\n\r\n",
    'method not a token' => "G@T /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'method with (' => "GE(T /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'method with obs-text' => "G\x80T /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'space before the method' => " GET /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'tab after the method' => "GET\t/m HTTP/1.1\r\nHost: a\r\n\r\n",
    'two spaces after the method' => "GET  /m HTTP/1.1\r\nHost: a\r\n\r\n",
    'two spaces after the target' => "GET /m  HTTP/1.1\r\nHost: a\r\n\r\n",
    'space after the version' => "GET /m HTTP/1.1 \r\nHost: a\r\n\r\n",
    'space inside the target' => "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
    'DEL in the target' => "GET /a\x7f HTTP/1.1\r\nHost: a\r\n\r\n",
    'NUL in the target' => "GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n",
    'bare CR in the target' => "GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n",
    'relative target' => "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n",
    'GET *' => "GET * HTTP/1.1\r\nHost: a\r\n\r\n",
    'ftp absolute-form' => "GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
    'CONNECT authority-form' => "CONNECT a.com:443 HTTP/1.1\r\nHost: a\r\n\r\n",
    'no version (HTTP/0.9 style)' => "GET /m\r\nHost: a\r\n\r\n",
    'request line alone' => "GET\r\n\r\n",
    'lower-case http' => "GET /m http/1.1\r\nHost: a\r\n\r\n",
    'HTTP/1.10' => "GET /m HTTP/1.10\r\nHost: a\r\n\r\n",
    'HTTP/1' => "GET /m HTTP/1\r\nHost: a\r\n\r\n",
    'HTTP/a.1' => "GET /m HTTP/a.1\r\nHost: a\r\n\r\n",
    'HTTP/2.0' => "GET /m HTTP/2.0\r\nHost: a\r\n\r\n",
    'HTTP/2.1' => "GET /m HTTP/2.1\r\nHost: a\r\n\r\n",
    'HTTP/0.9' => "GET /m HTTP/0.9\r\nHost: a\r\n\r\n",
    'HTTP/3.0' => "GET /m HTTP/3.0\r\nHost: a\r\n\r\n",
];
foreach ($cases as $name => $request) {
    echo "$name: ", http_exchange($server, $request . $end), "\n";
}
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
plain GET: [200 keep-alive "GET /plain"] [200 close "GET /end"] <EOF>
query string: [200 keep-alive "GET /q?x=1&y=%20"] [200 close "GET /end"] <EOF>
extension method: [200 keep-alive "M-SEARCH /m"] [200 close "GET /end"] <EOF>
lower-case method is another method: [200 keep-alive "get /lower"] [200 close "GET /end"] <EOF>
obs-text in target: [200 keep-alive "GET /caf\u00e9"] [200 close "GET /end"] <EOF>
OPTIONS *: [200 keep-alive "OPTIONS *"] [200 close "GET /end"] <EOF>
absolute-form: [200 keep-alive "GET http://a/abs"] [200 close "GET /end"] <EOF>
empty lines before the request line: [200 keep-alive "GET /after-empty-lines"] [200 close "GET /end"] <EOF>
bare LF line ends: [200 keep-alive "GET /lf"] [200 close "GET /end"] <EOF>
bare LF line ends and a body: [200 keep-alive "POST /lf-body body=abc"] [200 close "GET /end"] <EOF>
HTTP/1.2 served as 1.1: [200 keep-alive "GET /v12"] [200 close "GET /end"] <EOF>
HTTP/1.7 served as 1.1: [200 keep-alive "GET /v17"] [200 close "GET /end"] <EOF>
HTTP/1.9 without Host, as 1.1: [400 Bad Request] <EOF>
method not a token: [400 Bad Request] <EOF>
method with (: [400 Bad Request] <EOF>
method with obs-text: [400 Bad Request] <EOF>
space before the method: [400 Bad Request] <EOF>
tab after the method: [400 Bad Request] <EOF>
two spaces after the method: [400 Bad Request] <EOF>
two spaces after the target: [400 Bad Request] <EOF>
space after the version: [400 Bad Request] <EOF>
space inside the target: [400 Bad Request] <EOF>
DEL in the target: [400 Bad Request] <EOF>
NUL in the target: [400 Bad Request] <EOF>
bare CR in the target: [400 Bad Request] <EOF>
relative target: [400 Bad Request] <EOF>
GET *: [400 Bad Request] <EOF>
ftp absolute-form: [400 Bad Request] <EOF>
CONNECT authority-form: [400 Bad Request] <EOF>
no version (HTTP/0.9 style): [400 Bad Request] <EOF>
request line alone: [400 Bad Request] <EOF>
lower-case http: [400 Bad Request] <EOF>
HTTP/1.10: [400 Bad Request] <EOF>
HTTP/1: [400 Bad Request] <EOF>
HTTP/a.1: [400 Bad Request] <EOF>
HTTP/2.0: [505 HTTP Version Not Supported] <EOF>
HTTP/2.1: [505 HTTP Version Not Supported] <EOF>
HTTP/0.9: [505 HTTP Version Not Supported] <EOF>
HTTP/3.0: [505 HTTP Version Not Supported] <EOF>
--- onMessage saw:
GET /plain
GET /end
GET /q?x=1&y=%20
GET /end
M-SEARCH /m
GET /end
get /lower
GET /end
GET /café
GET /end
OPTIONS *
GET /end
GET http://a/abs
GET /end
GET /after-empty-lines
GET /end
GET /lf
GET /end
POST /lf-body
GET /end
GET /v12
GET /end
GET /v17
GET /end
int(0)
