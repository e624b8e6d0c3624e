--TEST--
HTTP: a request in a later HTTP/1 minor version (HTTP/1.7) is served as HTTP/1.1 (RFC 9110 2.5): answered "HTTP/1.1 200" on a connection kept alive, protocolVersion() says what the client sent; HTTP/2.0 still gets 505
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $r) {
    $c->send('version ' . $r->protocolVersion());
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "GET /a HTTP/1.7\r\nHost: a\r\n\r\n");
echo http_wire(http_read_response($c));
fwrite($c, "GET /b HTTP/1.7\r\nHost: a\r\nConnection: close\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";
echo http_exchange($server, "GET /c HTTP/2.0\r\nHost: a\r\n\r\n"), "\n";
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 11\r\n
\r\n
version 1.7HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 11\r\n
\r\n
version 1.7<EOF>
[505 HTTP Version Not Supported] <EOF>
int(0)
