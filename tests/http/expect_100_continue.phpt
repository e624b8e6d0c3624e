--TEST--
HTTP Expect: 100-continue gets "HTTP/1.1 100 Continue" once, before the client sends the body, then the real answer; not when the body came with the head; an announced body that is too large gets 413 without 100; any other expectation gets 417
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start('TcpConnection::$defaultMaxPackageSize = 1000;', RECV_PROGRESS);

// The client waits for the 100 before it sends the body, in two pieces.
$c = $server->connect();
$head = "POST /e1 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n";
fwrite($c, $head);
echo 'after the head: ', http_describe(read_bytes($c, 25)), "\n";
fwrite($c, 'hello ');
// The second piece goes once the server has read the first.
$server->waitForRead($c, strlen($head) + 6);
fwrite($c, 'world');
echo 'after the body: ', http_describe(http_read_response($c)), "\n";
// The same connection, case-insensitive 100-Continue, a chunked body, then close.
fwrite($c, "POST /e2 HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
echo 'chunked, after the head: ', http_describe(read_bytes($c, 25)), "\n";
fwrite($c, "3\r\nabc\r\n0\r\n\r\n");
echo 'chunked, after the body: ', http_describe(http_until_eof($c)), "\n";

// Head and body in one write: the body is complete, no 100.
echo 'body with the head: ', http_exchange($server, "POST /e3 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"), "\n";
echo 'no body at all: ', http_exchange($server, "GET /e4 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"), "\n";

// Too large: 413 instead of 100, before any body byte.
$c = $server->connect();
fwrite($c, "POST /e5 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n");
echo 'too large: ', http_describe(http_until_eof($c)), "\n";

// Expectations we cannot meet.
echo 'Expect: 200-ok: ', http_exchange($server, "POST /e6 HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\nhi"), "\n";
$c = $server->connect();
fwrite($c, "POST /e7 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue-please\r\nContent-Length: 2\r\n\r\n");
echo 'Expect: 100-continue-please, head only: ', http_describe(http_until_eof($c)), "\n";
echo 'Expect: 200-ok without a body: ', http_exchange($server, "GET /e8 HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n"), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
after the head: [100 Continue]
after the body: [200 keep-alive "POST /e1 body=hello world"]
chunked, after the head: [100 Continue]
chunked, after the body: [200 close "POST /e2 body=abc"] <EOF>
body with the head: [200 close "POST /e3 body=hi"] <EOF>
no body at all: [200 close "GET /e4"] <EOF>
too large: [413 Payload Too Large] <EOF>
Expect: 200-ok: [417 Expectation Failed] <EOF>
Expect: 100-continue-please, head only: [417 Expectation Failed] <EOF>
Expect: 200-ok without a body: [417 Expectation Failed] <EOF>
--- onMessage saw:
POST /e1
POST /e2
POST /e3
GET /e4
int(0)
