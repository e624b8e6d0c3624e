--TEST--
HTTP Response: $connection->headers is merged into the next response (after the response's own headers, Set-Cookie lines appended) and then cleared
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    switch ($r->path()) {
        case '/response':
            $c->headers = ['Set-Cookie' => ['s=1', 's2=2'], 'X-Conn' => 'yes'];
            $c->send((new Response(200, ['X-User' => 'u'], 'one'))->cookie('r', '1'));
            break;
        case '/plain-with':
            $c->headers = ['Content-Type' => 'text/plain', 'X-Conn' => ['a', 'b']];
            $c->send('three');
            break;
        case '/plain':
            $c->send(json_encode($c->headers));
            break;
    }
};
Worker::runAll();
PHP);
$c = $server->connect();
foreach (['/response', '/plain', '/plain-with', '/plain'] as $path) {
    echo "== $path\n";
    show(http_request($c, http_get($path)));
}
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== /response
HTTP/1.1 200 OK\r\n
X-User: u\r\n
Set-Cookie: r=1\r\n
Set-Cookie: s=1\r\n
Set-Cookie: s2=2\r\n
X-Conn: yes\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 3\r\n
\r\n
one
== /plain
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 2\r\n
\r\n
[]
== /plain-with
HTTP/1.1 200 OK\r\n
Content-Type: text/plain\r\n
X-Conn: a\r\n
X-Conn: b\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Length: 5\r\n
\r\n
three
== /plain
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 2\r\n
\r\n
[]
int(0)
