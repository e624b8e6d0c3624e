--TEST--
HTTP keep-alive: 1.1 stays open unless the request says close, 1.0 closes unless it says keep-alive, an application Response with Connection: close closes too; the Connection header tells which, and the server closes right after a close answer (EOF just after its last byte) and answers nothing after it
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();

echo "== HTTP/1.1, then HTTP/1.1 with Connection: close on the same connection\n";
$c = $server->connect();
fwrite($c, "GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_read_response($c)), "\n";
fwrite($c, "GET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";

echo "== HTTP/1.0\n";
$c = $server->connect();
fwrite($c, "GET /ten HTTP/1.0\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";

echo "== HTTP/1.0 with Connection: keep-alive, twice, then HTTP/1.0\n";
$c = $server->connect();
fwrite($c, "GET /ka1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
echo http_describe(http_read_response($c)), "\n";
fwrite($c, "GET /ka2 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
echo http_describe(http_read_response($c)), "\n";
fwrite($c, "GET /ka3 HTTP/1.0\r\n\r\n");
echo http_describe(http_until_eof($c)), "\n";

echo "== Connection option lists\n";
echo '1.1, Keep-Alive, CLOSE: ', http_exchange($server, "GET /list1 HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n"), "\n";
echo '1.1, two Connection lines: ', http_exchange($server, "GET /list2 HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nConnection: close\r\n\r\n"), "\n";
echo '1.0, close: ', http_exchange($server, "GET /list3 HTTP/1.0\r\nConnection: close\r\n\r\n"), "\n";
$c = $server->connect();
fwrite($c, "GET /list4 HTTP/1.0\r\nConnection: upgrade, keep-alive\r\n\r\n");
echo '1.0, upgrade, keep-alive: ', http_describe(http_read_response($c)), "\n";
fwrite($c, "GET /list5 HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n");
echo '1.1, closed (not close): ', http_describe(http_read_response($c)), "\n";
fclose($c);

echo "== the application answers with Connection: close to a keep-alive request\n";
$c = $server->connect();
fwrite($c, "GET /close HTTP/1.1\r\nHost: a\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";

echo "== a Response object to an HTTP/1.0 request\n";
$c = $server->connect();
fwrite($c, "GET /response HTTP/1.0\r\n\r\n");
echo http_wire(http_until_eof($c)), "\n";

echo "== requests pipelined after a close are not served\n";
echo '1.1: ', http_exchange($server, "GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /never1 HTTP/1.1\r\nHost: a\r\n\r\n"), "\n";
echo '1.0: ', http_exchange($server, "GET /last10 HTTP/1.0\r\n\r\nGET /never2 HTTP/1.0\r\n\r\n"), "\n";
$c = $server->connect();
fwrite($c, "GET /close HTTP/1.1\r\nHost: a\r\n\r\nGET /never3 HTTP/1.1\r\nHost: a\r\n\r\n");
$answer = http_until_eof($c);
$expected = "HTTP/1.1 200 OK\r\nConnection: close\r\nServer: surge\r\nDate: DATE\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 3\r\n\r\nbye<EOF>";
echo 'application close: ', http_mask_date($answer) === $expected ? 'the same bytes as above, then EOF' : http_wire($answer), "\n";
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
== HTTP/1.1, then HTTP/1.1 with Connection: close on the same connection
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 6\r\n
\r\n
GET /a
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 6\r\n
\r\n
GET /b<EOF>
== HTTP/1.0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 8\r\n
\r\n
GET /ten<EOF>
== HTTP/1.0 with Connection: keep-alive, twice, then HTTP/1.0
[200 keep-alive "GET /ka1"]
[200 keep-alive "GET /ka2"]
[200 close "GET /ka3"] <EOF>
== Connection option lists
1.1, Keep-Alive, CLOSE: [200 close "GET /list1"] <EOF>
1.1, two Connection lines: [200 close "GET /list2"] <EOF>
1.0, close: [200 close "GET /list3"] <EOF>
1.0, upgrade, keep-alive: [200 keep-alive "GET /list4"]
1.1, closed (not close): [200 keep-alive "GET /list5"]
== the application answers with Connection: close to a keep-alive request
HTTP/1.1 200 OK\r\n
Connection: close\r\n
Server: surge\r\n
Date: DATE\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 3\r\n
\r\n
bye<EOF>
== a Response object to an HTTP/1.0 request
HTTP/1.1 201 Created\r\n
X-Custom: yes\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
created<EOF>
== requests pipelined after a close are not served
1.1: [200 close "GET /last"] <EOF>
1.0: [200 close "GET /last10"] <EOF>
application close: the same bytes as above, then EOF
--- onMessage saw:
GET /a
GET /b
GET /ten
GET /ka1
GET /ka2
GET /ka3
GET /list1
GET /list2
GET /list3
GET /list4
GET /list5
GET /close
GET /response
GET /last
GET /last10
GET /close
int(0)
