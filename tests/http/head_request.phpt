--TEST--
HTTP HEAD: the answer is the head the GET would get, with the same Content-Length, and no body bytes (the next answer on the connection follows the empty line at once)
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$c = $server->connect();
fwrite($c, "HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_read_response($c, true)), "\n";
fwrite($c, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
echo 'next on the connection: ', http_describe(http_read_response($c)), "\n";
fwrite($c, "HEAD /response HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_read_response($c, true)), "\n";
fwrite($c, "HEAD /len HTTP/1.1\r\nHost: a\r\n\r\nGET /y HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_read_response($c, true)), "\n";
echo 'pipelined after it: ', http_describe(http_read_response($c)), "\n";
fwrite($c, "HEAD /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n

next on the connection: [200 keep-alive "GET /x"]
HTTP/1.1 201 Created\r\n
X-Custom: yes\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n

HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 42\r\n
\r\n

pipelined after it: [200 keep-alive "GET /y"]
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 10\r\n
\r\n
<EOF>
--- onMessage saw:
HEAD /x
GET /x
HEAD /response
HEAD /len
GET /y
HEAD /last
int(0)
