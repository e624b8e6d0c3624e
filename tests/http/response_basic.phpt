--TEST--
HTTP Response: exact bytes of a plain string, of Response objects (constructor, statuses, reasons, version, headers overriding the server's defaults) and of HEAD answers
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$routes = [
    '/plain' => fn() => 'Hello',
    '/empty-string' => fn() => '',
    '/default' => fn() => new Response(),
    '/ctor' => fn() => new Response(201, ['X-A' => '1', 'X-Multi' => ['a', 'b']], 'created'),
    '/unknown-status' => fn() => (new Response(200, [], 'x'))->withStatus(299),
    '/custom-reason' => fn() => (new Response())->withStatus(404, "Gone\r\nX-Injected: 1\n Fishing")->withBody('nope'),
    '/known-status' => fn() => new Response(503, [], ''),
    '/version' => fn() => (new Response(200, [], 'old'))->withProtocolVersion('1.0'),
    '/override' => fn() => new Response(200, ['server' => 'mine', 'content-type' => 'text/plain', 'X-Z' => 'z', 'DATE' => 'yesterday'], 'abc'),
    '/utf8' => fn() => new Response(200, [], 'héllo wörld'),
];
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) use ($routes) {
    $c->send($routes[$r->path()]());
};
Worker::runAll();
PHP);
$c = $server->connect();
foreach (['/plain', '/empty-string', '/default', '/ctor', '/unknown-status', '/custom-reason', '/known-status', '/version', '/override', '/utf8'] as $path) {
    echo "== GET $path\n";
    show(http_request($c, http_get($path)));
}
// HEAD: the same head (same Content-Length), no body bytes: the next answer follows the
// head directly.
fwrite($c, http_get('/ctor', [], 'HEAD') . http_get('/plain', [], 'HEAD') . http_get('/plain'));
echo "== HEAD /ctor, HEAD /plain, GET /plain in one write\n";
show(http_read($c, true));
show(http_read($c, true));
show(http_read($c));
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== GET /plain
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 5\r\n
\r\n
Hello
== GET /empty-string
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 0\r\n
\r\n
== GET /default
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 0\r\n
\r\n
== GET /ctor
HTTP/1.1 201 Created\r\n
X-A: 1\r\n
X-Multi: a\r\n
X-Multi: b\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
created
== GET /unknown-status
HTTP/1.1 299 \r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 1\r\n
\r\n
x
== GET /custom-reason
HTTP/1.1 404 GoneX-Injected: 1 Fishing\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 4\r\n
\r\n
nope
== GET /known-status
HTTP/1.1 503 Service Unavailable\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 0\r\n
\r\n
== GET /version
HTTP/1.0 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 3\r\n
\r\n
old
== GET /override
HTTP/1.1 200 OK\r\n
server: mine\r\n
content-type: text/plain\r\n
X-Z: z\r\n
DATE: yesterday\r\n
Connection: keep-alive\r\n
Content-Length: 3\r\n
\r\n
abc
== GET /utf8
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 13\r\n
\r\n
héllo wörld
== HEAD /ctor, HEAD /plain, GET /plain in one write
HTTP/1.1 201 Created\r\n
X-A: 1\r\n
X-Multi: a\r\n
X-Multi: b\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 5\r\n
\r\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 5\r\n
\r\n
Hello
int(0)
