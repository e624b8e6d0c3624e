--TEST--
WebSocket handshake refused without PHP: a method other than GET, HTTP/1.0, a body, no Upgrade: websocket, no Connection: Upgrade, a version other than 13 or none (426 naming version 13), a missing or malformed key, malformed HTTP and an oversized head each get their answer and a close, and onWebSocketConnect never runs for them
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onConnect = fn($c) => note("onConnect");
$w->onWebSocketConnect = fn($c, $r) => note("onWebSocketConnect {$r->path()}");
$w->onMessage = fn($c, $m) => note("onMessage $m");
PHP);

$key = WsClient::SAMPLE_KEY;
$good = ['Host: a', 'Upgrade: websocket', 'Connection: Upgrade', "Sec-WebSocket-Key: $key", 'Sec-WebSocket-Version: 13'];
$without = fn(string $prefix) => array_values(array_filter($good, fn($l) => !str_starts_with($l, $prefix)));
$req = fn(string $line, array $headers) => $line . "\r\n" . implode("\r\n", $headers) . "\r\n\r\n";
$cases = [
    'POST' => $req('POST / HTTP/1.1', $good),
    'HTTP/1.0' => $req('GET / HTTP/1.0', $good),
    'a body' => $req('GET / HTTP/1.1', array_merge($good, ['Content-Length: 5'])) . 'hello',
    'Upgrade: h2c' => $req('GET / HTTP/1.1', array_merge($without('Upgrade'), ['Upgrade: h2c'])),
    'no Upgrade' => $req('GET / HTTP/1.1', $without('Upgrade')),
    'Connection: keep-alive' => $req('GET / HTTP/1.1', array_merge($without('Connection'), ['Connection: keep-alive'])),
    'version 8' => $req('GET / HTTP/1.1', array_merge($without('Sec-WebSocket-Version'), ['Sec-WebSocket-Version: 8'])),
    'no version' => $req('GET / HTTP/1.1', $without('Sec-WebSocket-Version')),
    'no key' => $req('GET / HTTP/1.1', $without('Sec-WebSocket-Key')),
    'key of 15 bytes' => $req('GET / HTTP/1.1', array_merge($without('Sec-WebSocket-Key'), ['Sec-WebSocket-Key: ' . base64_encode(str_repeat('k', 15))])),
    'key not base64' => $req('GET / HTTP/1.1', array_merge($without('Sec-WebSocket-Key'), ['Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!=='])),
    'not HTTP' => "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    'head of 17 KiB' => $req('GET / HTTP/1.1', array_merge($good, ['X-Big: ' . str_repeat('b', 17000)])),
];
foreach ($cases as $name => $request) {
    echo "== $name\n", ws_wire(WsClient::refused($server, $request)), "<EOF>\n";
}
echo "== a good handshake still works\n";
$ws = WsClient::open($server, '/good');
$ws->send('ok');
echo "--- the application saw\n", ws_events($server, count($cases) + 3);
var_dump($server->stop());
?>
--EXPECT--
== POST
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 39\r\n
\r\n
a WebSocket handshake is a GET request
<EOF>
== HTTP/1.0
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 37\r\n
\r\n
a WebSocket handshake needs HTTP/1.1
<EOF>
== a body
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 34\r\n
\r\n
a WebSocket handshake has no body
<EOF>
== Upgrade: h2c
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 30\r\n
\r\n
Upgrade: websocket is missing
<EOF>
== no Upgrade
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 30\r\n
\r\n
Upgrade: websocket is missing
<EOF>
== Connection: keep-alive
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 31\r\n
\r\n
Connection: Upgrade is missing
<EOF>
== version 8
HTTP/1.1 426 Upgrade Required\r\n
Connection: Upgrade, close\r\n
Upgrade: websocket\r\n
Sec-WebSocket-Version: 13\r\n
Content-Type: text/plain\r\n
Content-Length: 39\r\n
\r\n
only WebSocket version 13 is supported
<EOF>
== no version
HTTP/1.1 426 Upgrade Required\r\n
Connection: Upgrade, close\r\n
Upgrade: websocket\r\n
Sec-WebSocket-Version: 13\r\n
Content-Type: text/plain\r\n
Content-Length: 39\r\n
\r\n
only WebSocket version 13 is supported
<EOF>
== no key
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 45\r\n
\r\n
Sec-WebSocket-Key must be 16 bytes in base64
<EOF>
== key of 15 bytes
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 45\r\n
\r\n
Sec-WebSocket-Key must be 16 bytes in base64
<EOF>
== key not base64
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 45\r\n
\r\n
Sec-WebSocket-Key must be 16 bytes in base64
<EOF>
== not HTTP
HTTP/1.1 400 Bad Request\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 23\r\n
\r\n
malformed request line
<EOF>
== head of 17 KiB
HTTP/1.1 431 Request Header Fields Too Large\r\n
Connection: close\r\n
Content-Type: text/plain\r\n
Content-Length: 31\r\n
\r\n
request header block too large
<EOF>
== a good handshake still works
--- the application saw
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onConnect
onWebSocketConnect /good
onMessage ok
int(0)