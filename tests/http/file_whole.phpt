--TEST--
HTTP withFile(): whole files with Content-Type from the extension (attachment for unknown ones), Last-Modified, Accept-Ranges, Content-Length and exact bytes; the app's own fields win; HEAD; a missing file is a 404
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    [, $route, $name] = explode('/', $r->path(), 3);
    $response = new Response();
    if ($route === 'custom') {
        $response->withHeader('Content-Type', 'text/x-mine')->withHeader('Content-Disposition', 'inline');
    }
    $c->send($response->withFile(TEST_DIR . '/files/' . $name));
};
Worker::runAll();
PHP);
$files = [
    'hello.txt' => '0123456789abcdefghij',
    'page.html' => "<p>hi</p>\n",
    'image.png' => "\x89PNG\r\n\x1a\n",
    'data.xyzunknown' => "binary\x00data\xff",
    'noext' => 'no extension',
    'empty.txt' => '',
];
mkdir($server->dir . '/files');
foreach ($files as $name => $contents) {
    file_put_contents($server->dir . "/files/$name", $contents);
    touch($server->dir . "/files/$name", 1700000000);
}
$c = $server->connect();
foreach (['/f/hello.txt', '/f/page.html', '/f/image.png', '/f/data.xyzunknown', '/f/noext', '/f/empty.txt', '/custom/data.xyzunknown'] as $path) {
    echo "== GET $path\n";
    $r = http_request($c, http_get($path));
    show_sorted($r);
    $name = basename($path);
    echo "  same bytes as the file: ", var_export($r['body'] === $files[$name], true), "\n";
}
echo "== HEAD /f/hello.txt, then GET /f/page.html in the same write\n";
fwrite($c, http_get('/f/hello.txt', [], 'HEAD') . http_get('/f/page.html'));
show_sorted(http_read($c, true));
show_sorted(http_read($c));
echo "== GET /f/missing.txt\n";
show(http_request($c, http_get('/f/missing.txt')));
echo "== GET /f/ (a folder)\n";
echo http_request($c, http_get('/f/'))['status'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== GET /f/hello.txt
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 20
  Content-Type: text/plain
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "0123456789abcdefghij"
  same bytes as the file: true
== GET /f/page.html
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 10
  Content-Type: text/html
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "<p>hi</p>\n"
  same bytes as the file: true
== GET /f/image.png
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 8
  Content-Type: image/png
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: hex 89504e470d0a1a0a
  same bytes as the file: true
== GET /f/data.xyzunknown
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Disposition: attachment; filename="data.xyzunknown"
  Content-Length: 12
  Content-Type: application/octet-stream
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: hex 62696e6172790064617461ff
  same bytes as the file: true
== GET /f/noext
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Disposition: attachment; filename="noext"
  Content-Length: 12
  Content-Type: application/octet-stream
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "no extension"
  same bytes as the file: true
== GET /f/empty.txt
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 0
  Content-Type: text/plain
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: ""
  same bytes as the file: true
== GET /custom/data.xyzunknown
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Disposition: inline
  Content-Length: 12
  Content-Type: text/x-mine
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: hex 62696e6172790064617461ff
  same bytes as the file: true
== HEAD /f/hello.txt, then GET /f/page.html in the same write
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 20
  Content-Type: text/plain
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: ""
HTTP/1.1 200 OK
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 10
  Content-Type: text/html
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "<p>hi</p>\n"
== GET /f/missing.txt
HTTP/1.1 404 Not Found\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 22\r\n
\r\n
<h3>404 Not Found</h3>
== GET /f/ (a folder)
HTTP/1.1 404 Not Found
int(0)
