--TEST--
HTTP parser: header lines (names are tokens, no space before the colon, no obs-fold, no bare CR or other controls, exactly one Host in HTTP/1.1, at most one in 1.0); refused heads get 400 and FIN and never reach onMessage
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$end = "GET /end HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
$get = fn(string $path, string $headers) => "GET $path HTTP/1.1\r\nHost: a\r\n$headers\r\n";
$cases = [
    'no space after the colon' => $get('/nospace', "Foo:bar\r\n"),
    'empty value' => $get('/empty', "Foo:\r\nBar: \t \r\n"),
    'tab, obs-text and inner spaces in a value' => $get('/values', "Foo: a\tb c\r\nBar: caf\xc3\xa9\r\n"),
    'many headers' => $get('/many', str_repeat("X-Many: 1\r\n", 200)),
    'space before the colon' => $get('/h', "Foo : bar\r\n"),
    'tab before the colon' => $get('/h', "Foo\t: bar\r\n"),
    'space inside the name' => $get('/h', "Fo o: bar\r\n"),
    'empty name' => $get('/h', ": bar\r\n"),
    'no colon' => $get('/h', "Foo bar\r\n"),
    'quote in the name' => $get('/h', "Fo\"o: bar\r\n"),
    'obs-text in the name' => $get('/h', "F\xc3\xa9: bar\r\n"),
    'obs-fold with a space' => $get('/h', "Foo: bar\r\n baz\r\n"),
    'obs-fold with a tab' => $get('/h', "Foo: bar\r\n\tbaz\r\n"),
    'first header line indented' => "GET /h HTTP/1.1\r\n Host: a\r\n\r\n",
    'bare CR ending the request line' => "GET /h HTTP/1.1\rHost: a\r\n\r\n",
    'bare CR between headers' => $get('/h', "Foo: a\rBar: b\r\n"),
    'CR CR LF' => $get('/h', "Foo: a\r\r\n"),
    'bare CR as the empty line' => "GET /h HTTP/1.1\r\nHost: a\r\n\r\r\n",
    'NUL in a value' => $get('/h', "Foo: a\0b\r\n"),
    'DEL in a value' => $get('/h', "Foo: a\x7fb\r\n"),
    'control in a value' => $get('/h', "Foo: a\x01b\r\n"),
    'HTTP/1.1 without Host' => "GET /h HTTP/1.1\r\nFoo: bar\r\n\r\n",
    'HTTP/1.1 with an empty Host' => "GET /empty-host HTTP/1.1\r\nHost:\r\n\r\n",
    'two equal Hosts' => "GET /h HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
    'two different Hosts' => "GET /h HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n",
    'HTTP/1.0 with two Hosts' => "GET /h HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
];
foreach ($cases as $name => $request) {
    echo "$name: ", http_exchange($server, $request . $end), "\n";
}
// HTTP/1.0 needs no Host, and its connection closes after the answer, so nothing follows.
echo 'HTTP/1.0 without Host: ', http_exchange($server, "GET /ten HTTP/1.0\r\n\r\n"), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
no space after the colon: [200 keep-alive "GET /nospace"] [200 close "GET /end"] <EOF>
empty value: [200 keep-alive "GET /empty"] [200 close "GET /end"] <EOF>
tab, obs-text and inner spaces in a value: [200 keep-alive "GET /values"] [200 close "GET /end"] <EOF>
many headers: [200 keep-alive "GET /many"] [200 close "GET /end"] <EOF>
space before the colon: [400 Bad Request] <EOF>
tab before the colon: [400 Bad Request] <EOF>
space inside the name: [400 Bad Request] <EOF>
empty name: [400 Bad Request] <EOF>
no colon: [400 Bad Request] <EOF>
quote in the name: [400 Bad Request] <EOF>
obs-text in the name: [400 Bad Request] <EOF>
obs-fold with a space: [400 Bad Request] <EOF>
obs-fold with a tab: [400 Bad Request] <EOF>
first header line indented: [400 Bad Request] <EOF>
bare CR ending the request line: [400 Bad Request] <EOF>
bare CR between headers: [400 Bad Request] <EOF>
CR CR LF: [400 Bad Request] <EOF>
bare CR as the empty line: [400 Bad Request] <EOF>
NUL in a value: [400 Bad Request] <EOF>
DEL in a value: [400 Bad Request] <EOF>
control in a value: [400 Bad Request] <EOF>
HTTP/1.1 without Host: [400 Bad Request] <EOF>
HTTP/1.1 with an empty Host: [200 keep-alive "GET /empty-host"] [200 close "GET /end"] <EOF>
two equal Hosts: [400 Bad Request] <EOF>
two different Hosts: [400 Bad Request] <EOF>
HTTP/1.0 with two Hosts: [400 Bad Request] <EOF>
HTTP/1.0 without Host: [200 close "GET /ten"] <EOF>
--- onMessage saw:
GET /nospace
GET /end
GET /empty
GET /end
GET /values
GET /end
GET /many
GET /end
GET /empty-host
GET /end
GET /ten
int(0)
