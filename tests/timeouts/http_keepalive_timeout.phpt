--TEST--
Worker::$keepAliveTimeout: an idle keep-alive connection is closed without an answer once every answer went out; a request sent before the timeout is served (and starts the wait afresh); a request the application holds longer than every timeout is still answered on its connection; a good client is served meanwhile
--FILE--
<?php
require_once __DIR__ . '/timeouts.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->headerTimeout = 1;
$w->bodyTimeout = 1;
$w->keepAliveTimeout = 1;
$w->onMessage = function ($c, $r) {
    file_put_contents(TEST_DIR . '/calls', "{$r->method()} {$r->uri()}\n", FILE_APPEND);
    if ($r->path() === '/hold') {
        // Answered later than every timeout of the connection.
        Timer::add(2.5, fn() => $c->send('held'), [], false);
        return;
    }
    $c->send($r->path());
};
Worker::runAll();
PHP);

// Held first, so that its 2.5 s run alongside the rest.
$held = $server->connect();
fwrite($held, "GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
wait_for(fn() => str_contains(http_calls($server), '/hold'), 'the held request to reach onMessage');

echo "== one request, then nothing\n";
$idle = $server->connect();
fwrite($idle, "GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_describe(http_read_response($idle)), "\n";
echo "a good client meanwhile: ", http_exchange($server, "GET /good HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
echo http_wire(http_until_eof($idle)), "\n";

echo "== requests half a timeout apart, then nothing\n";
$c = $server->connect();
foreach (['/a', '/b', '/c'] as $path) {
    fwrite($c, "GET $path HTTP/1.1\r\nHost: a\r\n\r\n");
    echo http_describe(http_read_response($c)), "\n";
    usleep(500000);  // the client's pace, not a wait for the server
}
echo http_wire(http_until_eof($c)), "\n";

echo "== a request the application holds for 2.5 s\n";
echo http_wire(http_until_eof($held, 10)), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
== one request, then nothing
[200 keep-alive "/one"]
a good client meanwhile: [200 close "/good"] <EOF>
<EOF>
== requests half a timeout apart, then nothing
[200 keep-alive "/a"]
[200 keep-alive "/b"]
[200 keep-alive "/c"]
<EOF>
== a request the application holds for 2.5 s
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 4\r\n
\r\n
held<EOF>
--- onMessage saw:
GET /hold
GET /one
GET /good
GET /a
GET /b
GET /c
int(0)
