--TEST--
HTTP Response: cookie() appends Set-Cookie lines with the value rawurlencoded and the attributes in the order Domain, Max-Age, Path, Secure, HttpOnly, SameSite
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $response = (new Response(200, ['X-First' => '1'], 'ok'))
        ->cookie('plain', 'v')
        ->cookie('all', 'a b;c=d/é+%', 3600, '/p', 'example.com', true, true, 'Strict')
        ->cookie('expire', '', 0)
        ->cookie('path', 'x', null, '/only')
        ->cookie('flags', 'y', null, '', '', false, true, 'Lax')
        ->cookie('secure', 'z', -1, '', 'a.example', true);
    $response->header('X-Last', '2');
    $response->cookie('after', 'last');
    $c->send($response);
};
Worker::runAll();
PHP);
$c = $server->connect();
show(http_request($c, http_get('/')));
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK\r\n
X-First: 1\r\n
Set-Cookie: plain=v\r\n
Set-Cookie: all=a%20b%3Bc%3Dd%2F%C3%A9%2B%25; Domain=example.com; Max-Age=3600; Path=/p; Secure; HttpOnly; SameSite=Strict\r\n
Set-Cookie: expire=; Max-Age=0\r\n
Set-Cookie: path=x; Path=/only\r\n
Set-Cookie: flags=y; HttpOnly; SameSite=Lax\r\n
Set-Cookie: secure=z; Domain=a.example; Max-Age=-1; Secure\r\n
Set-Cookie: after=last\r\n
X-Last: 2\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 2\r\n
\r\n
ok
int(0)
