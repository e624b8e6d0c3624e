--TEST--
Logs: the HTTP access log in the combined format: real requests (GET, HEAD, POST, keep-alive), an application error and malformed requests answered by the core, escaped fields, every line written by the time `stop` returns
--FILE--
<?php
require __DIR__ . '/logs.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->accessLog = TEST_DIR . '/access.log';
$w->onMessage = function ($c, $r) {
    if ($r->path() === '/throw') {
        throw new RuntimeException('app failure');
    }
    if ($r->path() === '/created') {
        $c->send(new Surge\Protocols\Http\Response(201, ['X-A' => 'b'], 'made: ' . $r->rawBody()));
        return;
    }
    $c->send('hello');
};
Worker::runAll();
PHP);
$log = $server->dir . '/access.log';
$answers = [];
$answers[] = http_exchange($server->port,
    "GET /a?x=1 HTTP/1.1\r\nHost: t\r\nUser-Agent: tester \"quoted\"\r\nReferer: http://ref.example/p\r\nConnection: close\r\n\r\n");
// Two requests on one keep-alive connection.
$answers[] = http_exchange($server->port,
    "HEAD /head HTTP/1.1\r\nHost: t\r\n\r\nPOST /created HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd");
$answers[] = http_exchange($server->port, "GET /throw HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
$answers[] = http_exchange($server->port, "GET /bad\x01\"path HTTP/1.1\r\nHost: t\r\n\r\n");
$answers[] = http_exchange($server->port, "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " . str_repeat('h', 70000) . "\r\n\r\n");
foreach ($answers as $a) {
    echo strtok($a, "\r"), "\n";
}
// Requests above were all answered; their lines may still sit in the workers' buffers.
[$code] = $server->command(['stop']);
echo "stop exit $code\n";
$lines = file_lines($log);
sort($lines);
foreach ($lines as $line) {
    if (!preg_match('/^127\.0\.0\.1 - - \[(\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] (.*)$/', $line, $m)
        || DateTime::createFromFormat('d/M/Y:H:i:s O', $m[1]) === false) {
        echo "bad line: $line\n";
        continue;
    }
    echo $m[2], "\n";
}
?>
--EXPECT--
HTTP/1.1 200 OK
HTTP/1.1 200 OK
HTTP/1.1 500 Internal Server Error
HTTP/1.1 400 Bad Request
HTTP/1.1 431 Request Header Fields Too Large
stop exit 0
"GET / HTTP/1.1" 431 0 "-" "-"
"GET /a?x=1 HTTP/1.1" 200 5 "http://ref.example/p" "tester \"quoted\""
"GET /bad\x01\"path HTTP/1.1" 400 0 "-" "-"
"GET /throw HTTP/1.1" 500 0 "-" "-"
"HEAD /head HTTP/1.1" 200 0 "-" "-"
"POST /created HTTP/1.1" 201 10 "-" "-"
