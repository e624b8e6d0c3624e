--TEST--
HTTP oracle: curl reads the server's answers as well-formed HTTP/1.1 (GET, keep-alive reuse of one connection for several URLs, POST with --data-binary, Expect: 100-continue, a chunked upload, HEAD, a chunked answer, Connection: close)
--SKIPIF--
<?php
exec('command -v curl', $out, $code);
if ($code !== 0) {
    die('skip curl is not installed (scripts/install-deps.sh installs it)');
}
?>
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = http_start();
$url = "http://127.0.0.1:{$server->port}";
// Runs curl (no shell); prints its exit code, stderr and stdout (the answers, with -i their heads).
$curl = function (array $args) use ($server) {
    $proc = proc_open(array_merge(['curl', '-sS', '--max-time', '10', '--http1.1', '-w', '(%{http_code}, new connections: %{num_connects})\n'], $args),
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $server->dir);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $code = proc_close($proc);
    echo "exit $code$err\n", http_wire($out);
};
file_put_contents($server->dir . '/body5000', str_repeat('0123456789', 500));

echo "== three URLs over one connection\n";
$curl(['-i', "$url/conn", "$url/conn?again", "$url/response"]);
echo "== --data-binary\n";
$curl(['-i', '--data-binary', 'a=1&b=2', "$url/post"]);
echo "== Expect: 100-continue\n";
$curl(['-i', '-H', 'Expect: 100-continue', '--data-binary', '@body5000', "$url/len"]);
echo "== chunked upload\n";
$curl(['-i', '-H', 'Expect:', '-H', 'Transfer-Encoding: chunked', '--data-binary', '@body5000', "$url/len"]);
echo "== two HEADs over one connection\n";
$curl(['-I', "$url/head1", "$url/head2"]);
echo "== a chunked answer\n";
$curl(['-i', "$url/chunked", "$url/after-chunked"]);
echo "== Connection: close from the request, then from the application\n";
$curl(['-i', '-H', 'Connection: close', "$url/c1", "$url/c2"]);
$curl(['-i', "$url/close", "$url/after-close"]);
echo "--- onMessage saw:\n", http_calls($server);
var_dump($server->stop());
?>
--EXPECT--
== three URLs over one connection
exit 0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 12\r\n
\r\n
connection 1(200, new connections: 1)\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 12\r\n
\r\n
connection 1(200, new connections: 0)\n
HTTP/1.1 201 Created\r\n
X-Custom: yes\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
created(201, new connections: 0)\n
== --data-binary
exit 0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 23\r\n
\r\n
POST /post body=a=1&b=2(200, new connections: 1)\n
== Expect: 100-continue
exit 0
HTTP/1.1 100 Continue\r\n
\r\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 45\r\n
\r\n
len=5000 md5=7408ca0788d91a8434b95ec0186f1b21(200, new connections: 1)\n
== chunked upload
exit 0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 45\r\n
\r\n
len=5000 md5=7408ca0788d91a8434b95ec0186f1b21(200, new connections: 1)\n
== two HEADs over one connection
exit 0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 11\r\n
\r\n
(200, new connections: 1)\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 11\r\n
\r\n
(200, new connections: 0)\n
== a chunked answer
exit 0
HTTP/1.1 200 OK\r\n
Transfer-Encoding: chunked\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
\r\n
first;second;third(200, new connections: 1)\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 18\r\n
\r\n
GET /after-chunked(200, new connections: 0)\n
== Connection: close from the request, then from the application
exit 0
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
GET /c1(200, new connections: 1)\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: close\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 7\r\n
\r\n
GET /c2(200, new connections: 1)\n
exit 0
HTTP/1.1 200 OK\r\n
Connection: close\r\n
Server: surge\r\n
Date: DATE\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 3\r\n
\r\n
bye(200, new connections: 1)\n
HTTP/1.1 200 OK\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 16\r\n
\r\n
GET /after-close(200, new connections: 1)\n
--- onMessage saw:
GET /conn
GET /conn?again
GET /response
POST /post
POST /len
POST /len
HEAD /head1
HEAD /head2
GET /chunked
GET /after-chunked
GET /c1
GET /c2
GET /close
GET /after-close
int(0)
