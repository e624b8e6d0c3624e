--TEST--
HTTP withFile(): an explicit offset/length and single request ranges (bytes=a-b, -n, a-) answer 206 with Content-Range; unsatisfiable ranges 416 with bytes */size; several ranges or garbage the whole file with 200
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send((new Response())->withFile(TEST_DIR . '/hello.txt', (int)$r->get('offset', 0), (int)$r->get('length', 0)));
};
Worker::runAll();
PHP);
file_put_contents($server->dir . '/hello.txt', '0123456789abcdefghij');
touch($server->dir . '/hello.txt', 1700000000);
$c = $server->connect();
echo "== GET ?offset=5&length=4, all fields\n";
show_sorted(http_request($c, http_get('/?offset=5&length=4')));
echo "== Range: bytes=0-9, all fields\n";
show_sorted(http_request($c, http_get('/', ['Range: bytes=0-9'])));
$cases = [
    ['/?offset=15', []],
    ['/?length=3', []],
    ['/?offset=2&length=3', ['Range: bytes=0-9']],
    ['/', ['Range: bytes=-5']],
    ['/', ['Range: bytes=10-']],
    ['/', ['Range: bytes=15-100']],
    ['/', ['Range: bytes=19-19']],
    ['/', ['Range: bytes=0-0']],
    ['/', ['Range: bytes=-100']],
    ['/', ['Range: bytes=20-']],
    ['/', ['Range: bytes=25-30']],
    ['/', ['Range: bytes=0-1,5-6']],
    ['/', ['Range: bytes=0-1, 5-6']],
    ['/', ['Range: garbage']],
    ['/', ['Range: items=0-5']],
    ['/', ['Range: bytes=']],
    ['/', ['Range: bytes=a-b']],
];
// All in one write: each answer must be framed exactly for the next one to parse.
fwrite($c, implode('', array_map(fn($case) => http_get(...$case), $cases)));
foreach ($cases as [$target, $extra]) {
    $r = http_read($c);
    printf("%-20s %-22s %s | %s | %s\n", $target, implode(' ', $extra), $r['status'], http_header($r, 'Content-Range') ?? '-',
        $r['status'] === 'HTTP/1.1 416 Range Not Satisfiable' ? '(416)' : json_encode($r['body']));
}
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== GET ?offset=5&length=4, all fields
HTTP/1.1 206 Partial Content
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 4
  Content-Range: bytes 5-8/20
  Content-Type: text/plain
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "5678"
== Range: bytes=0-9, all fields
HTTP/1.1 206 Partial Content
  Accept-Ranges: bytes
  Connection: keep-alive
  Content-Length: 10
  Content-Range: bytes 0-9/20
  Content-Type: text/plain
  Date: <date>
  Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT
  Server: surge
  body: "0123456789"
/?offset=15                                 HTTP/1.1 206 Partial Content | bytes 15-19/20 | "fghij"
/?length=3                                  HTTP/1.1 206 Partial Content | bytes 0-2/20 | "012"
/?offset=2&length=3  Range: bytes=0-9       HTTP/1.1 206 Partial Content | bytes 2-4/20 | "234"
/                    Range: bytes=-5        HTTP/1.1 206 Partial Content | bytes 15-19/20 | "fghij"
/                    Range: bytes=10-       HTTP/1.1 206 Partial Content | bytes 10-19/20 | "abcdefghij"
/                    Range: bytes=15-100    HTTP/1.1 206 Partial Content | bytes 15-19/20 | "fghij"
/                    Range: bytes=19-19     HTTP/1.1 206 Partial Content | bytes 19-19/20 | "j"
/                    Range: bytes=0-0       HTTP/1.1 206 Partial Content | bytes 0-0/20 | "0"
/                    Range: bytes=-100      HTTP/1.1 206 Partial Content | bytes 0-19/20 | "0123456789abcdefghij"
/                    Range: bytes=20-       HTTP/1.1 416 Range Not Satisfiable | bytes */20 | (416)
/                    Range: bytes=25-30     HTTP/1.1 416 Range Not Satisfiable | bytes */20 | (416)
/                    Range: bytes=0-1,5-6   HTTP/1.1 200 OK | - | "0123456789abcdefghij"
/                    Range: bytes=0-1, 5-6  HTTP/1.1 200 OK | - | "0123456789abcdefghij"
/                    Range: garbage         HTTP/1.1 200 OK | - | "0123456789abcdefghij"
/                    Range: items=0-5       HTTP/1.1 200 OK | - | "0123456789abcdefghij"
/                    Range: bytes=          HTTP/1.1 200 OK | - | "0123456789abcdefghij"
/                    Range: bytes=a-b       HTTP/1.1 200 OK | - | "0123456789abcdefghij"
int(0)
