--TEST--
HTTP Chunk: a Response with Transfer-Encoding: chunked sends its body as the first chunk (no Content-Length), then Chunk objects (sync and from a timer), and Chunk('') ends the body; the connection goes on
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Chunk;
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    switch ($r->path()) {
        case '/chunked':
            $c->send(new Response(200, ['Transfer-Encoding' => 'chunked'], 'first'));
            $c->send(new Chunk('second chunk'));
            Timer::add(0.02, function () use ($c) {
                $c->send(new Chunk('abcdefghijklmnopqrstuvwxyz'));
                $c->send(new Chunk(''));
            }, [], false);
            break;
        case '/empty-first':
            $c->send(new Response(200, ['Transfer-Encoding' => 'chunked', 'Content-Type' => 'text/plain']));
            $c->send(new Chunk("line\r\n"));
            $c->send(new Chunk(''));
            break;
        case '/strings':
            $c->send(json_encode([(string)new Chunk('abc'), (string)new Chunk(''), substr((string)new Chunk(str_repeat('a', 4096)), 0, 8),
                strlen((string)new Chunk(str_repeat('a', 4096))), new Chunk('x') instanceof \Stringable]));
            break;
    }
};
Worker::runAll();
PHP);
$c = $server->connect();
foreach (['/chunked', '/empty-first', '/strings'] as $path) {
    echo "== $path\n";
    show(http_request($c, http_get($path)));
}
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== /chunked
HTTP/1.1 200 OK\r\n
Transfer-Encoding: chunked\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
\r\n
5\r\n
first\r\n
c\r\n
second chunk\r\n
1a\r\n
abcdefghijklmnopqrstuvwxyz\r\n
0\r\n
\r\n
== /empty-first
HTTP/1.1 200 OK\r\n
Transfer-Encoding: chunked\r\n
Content-Type: text/plain\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
\r\n
6\r\n
line\r\n
\r\n
0\r\n
\r\n
== /strings
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 51\r\n
\r\n
["3\r\nabc\r\n","0\r\n\r\n","1000\r\naa",4104,true]
int(0)
