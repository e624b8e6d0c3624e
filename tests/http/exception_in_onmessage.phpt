--TEST--
HTTP: an exception thrown by onMessage before anything was sent is logged and answered with 500 and Connection: close, then FIN; requests answered before it in the same batch keep their answers, and the worker keeps serving other connections
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
[$child] = $server->waitForChildren(1);
$c = $server->connect();
fwrite($c, "GET /boom HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";
echo 'a new connection: ', http_exchange($server, "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
echo 'pipelined after a good request: ', http_exchange($server, "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /boom?second HTTP/1.1\r\nHost: a\r\n\r\n"), "\n";
$c = $server->connect();
fwrite($c, "GET /ka HTTP/1.1\r\nHost: a\r\n\r\n");
echo 'a keep-alive connection: ', http_describe(http_read_response($c)), "\n";
fwrite($c, "POST /boom HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
echo 'the same connection: ', http_describe(http_until_eof($c)), "\n";
echo 'and a new one: ', http_exchange($server, "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";
var_dump($server->children() === [$child]);
$log = $server->waitForLog('RuntimeException: boom', 10, 3);
var_dump(substr_count($log, 'RuntimeException: boom'));
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 500 Internal Server Error\r\n
Connection: close\r\n
Content-Length: 0\r\n
\r\n
<EOF>
a new connection: [200 close "GET /after"] <EOF>
pipelined after a good request: [200 keep-alive "GET /ok"] [500 Internal Server Error] <EOF>
a keep-alive connection: [200 keep-alive "GET /ka"]
the same connection: [500 Internal Server Error] <EOF>
and a new one: [200 close "GET /after"] <EOF>
bool(true)
int(3)
--- onMessage saw:
GET /boom
GET /after
GET /ok
GET /boom?second
GET /ka
POST /boom
GET /after
int(0)
