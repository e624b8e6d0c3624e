--TEST--
TLS bad clients, each closing only its own connection with one log line: a plaintext HTTP request to an https:// port and garbage to a text:// port over TLS are closed without a byte; a TLS ClientHello to a plaintext http:// port gets 400 Bad Request; a client that sends nothing, or half a ClientHello, is closed once headerTimeout (1 s; 0.8 s, a float, on text://) has passed while other clients are served meanwhile, and a head that is still incomplete after the handshake gets 408; after a completed handshake, bytes that are not a TLS record, or a record that does not decrypt, close the connection ("TLS record refused"); good clients are served afterwards; `status --json` counts each of these once as a protocol error of its worker
--SKIPIF--
<?php
exec('/usr/bin/python3 -c "import ssl"', $out, $code);
if ($code !== 0) {
    die('skip /usr/bin/python3 with ssl is needed');
}
?>
--FILE--
<?php
require __DIR__ . '/clients.inc';
require __DIR__ . '/../http/http.inc';
$certs = TestCerts::make();
$context = var_export($certs->serverContext(), true);
$plainPort = TestServer::freePort();
$server = TestServer::start(<<<PHP
\$h = new Worker('https://127.0.0.1:' . TEST_PORT, $context);
\$h->name = 'https';
\$h->headerTimeout = 1;
\$h->onMessage = fn(\$c, \$r) => \$c->send('served ' . \$r->path());
\$t = new Worker('text://127.0.0.1:' . TEST_PORT2, $context);
\$t->name = 'text';
\$t->transport = 'ssl';
\$t->headerTimeout = 0.8;
\$t->onMessage = fn(\$c, \$m) => \$c->send("echo \$m");
\$p = new Worker('http://127.0.0.1:$plainPort');
\$p->name = 'plain';
\$p->onMessage = fn(\$c, \$r) => \$c->send('plain ' . \$r->path());
Worker::runAll();
PHP);
$server->waitForChildren(3);
// Python's ssl module: a ClientHello made in memory, and a client that completes the
// handshake and then writes raw bytes to the socket under it.
file_put_contents($server->dir . '/raw.py', <<<'PY'
import os
import socket
import ssl
import sys

cafile, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=cafile)
if mode == 'hello':
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ctx.wrap_bio(incoming, outgoing, server_hostname='localhost')
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass
    sys.stdout.buffer.write(outgoing.read())
    sys.exit(0)
s = ctx.wrap_socket(socket.create_connection(('127.0.0.1', port), timeout=5), server_hostname='localhost')
print('handshake done:', s.version())
raw = socket.socket(fileno=os.dup(s.fileno()))
raw.settimeout(5)
raw.sendall({'not-a-record': b'this is not a TLS record\n',
             'bad-record': b'\x17\x03\x03\x00\x20' + b'\x00' * 32}[mode])
try:
    while raw.recv(65536):
        pass
    print('closed by the server')
except ConnectionResetError:
    print('closed by the server (reset)')
except socket.timeout:
    print('still open after 5 s')
PY);
$python = fn(string $mode, int $port = 0) => run_client(['/usr/bin/python3', 'raw.py', $certs->path('ca.pem'), (string)$port, $mode], $server->dir);
$raw = function (int $port, string $bytes): string {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
    fwrite($c, $bytes);
    return http_describe(http_until_eof($c));
};
$https = fn(string $path) => (function () use ($certs, $server, $path) {
    $c = tls_connect($certs, $server->port);
    fwrite($c, "GET $path HTTP/1.1\r\nHost: localhost\r\n\r\n");
    return http_describe(http_read_response($c));
})();
$text = function (string $line) use ($certs, $server) {
    $c = tls_connect($certs, $server->port2);
    fwrite($c, "$line\n");
    return read_line($c);
};

echo "== plaintext HTTP to https://: ", $raw($server->port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), "\n";
echo "== garbage to text:// over TLS: ", $raw($server->port2, "hello, not TLS\n"), "\n";
$hello = $python('hello')[1];
echo "== a ClientHello (", bin2hex(substr($hello, 0, 3)), "...) to http://: ", $raw($plainPort, $hello), "\n";

echo "== stalled clients, headerTimeout 1 s (https://) and 0.8 s (text://)\n";
$start = microtime(true);
$silent = stream_socket_client("tcp://127.0.0.1:{$server->port}", $errno, $errstr, 5);
$half = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
fwrite($half, substr($hello, 0, 100));
$slowHead = tls_connect($certs, $server->port);
fwrite($slowHead, "GET /slow HTTP/1.1\r\nHo");
echo "meanwhile https://: ", $https('/meanwhile'), "\n";
echo "meanwhile text://: ", $text('meanwhile'), "\n";
// Read all three at once, noting when each one's EOF came.
$stalled = ['silent, to https://' => [$silent, 1], 'half a ClientHello, to text://' => [$half, 0.8],
    'half a head after the handshake, to https://' => [$slowHead, 1]];
$got = array_fill_keys(array_keys($stalled), '');
$closedAt = [];
wait_for(function () use ($stalled, &$got, &$closedAt, $start) {
    foreach ($stalled as $label => [$c]) {
        if (isset($closedAt[$label])) {
            continue;
        }
        stream_set_blocking($c, false);
        $got[$label] .= (string)fread($c, 65536);
        if (feof($c)) {
            $closedAt[$label] = microtime(true) - $start;
        }
    }
    return count($closedAt) === count($stalled);
}, 'the stalled clients to be closed', 5);
foreach ($stalled as $label => [, $timeout]) {
    echo "$label: ", http_describe($got[$label] . '<EOF>'), ", once its headerTimeout passed (within 1 s more): ",
        var_export($closedAt[$label] >= $timeout - 0.05 && $closedAt[$label] < $timeout + 1, true), "\n";
}

echo "== after the handshake\n";
foreach (['not-a-record', 'bad-record'] as $mode) {
    [$code, $out, $err] = $python($mode, $server->port2);
    echo "$mode: ", str_replace("\n", ', ', trim($out)), $code === 0 ? '' : " (exit $code: $err)", "\n";
}

echo "== good clients afterwards\n";
echo $https('/after'), "\n", $text('after'), "\n", $raw($plainPort, "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "\n";

echo "== status --json protocol_errors\n";
// https: plaintext, silent, 408; text: garbage, half a ClientHello, two refused records; plain: 400.
$expected = ['https' => 3, 'plain' => 1, 'text' => 4];
$counts = [];
try {
    wait_for(function () use ($server, $expected, &$counts) {
        [, $json] = $server->command(['status', '--json']);
        $counts = [];
        foreach (json_decode($json, true)['processes'] ?? [] as $p) {
            $counts[$p['worker']] = $p['protocol_errors'];
        }
        ksort($counts);
        return $counts === $expected;
    }, 'the protocol error counts', 5);
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
echo json_encode($counts), "\n";
echo "== log\n";
foreach (['https', 'text', 'plain'] as $name) {
    foreach ($server->logMessages() as $line) {
        if (str_starts_with($line, "Worker[$name]")) {
            echo preg_replace('/connection \d+ from 127\.0\.0\.1:\d+/', 'connection N from 127.0.0.1:PORT', $line), "\n";
        }
    }
}
var_dump($server->stop());
?>
--EXPECT--
== plaintext HTTP to https://: <EOF>
== garbage to text:// over TLS: <EOF>
== a ClientHello (160301...) to http://: [400 Bad Request] <EOF>
== stalled clients, headerTimeout 1 s (https://) and 0.8 s (text://)
meanwhile https://: [200 keep-alive "served /meanwhile"]
meanwhile text://: echo meanwhile
silent, to https://: <EOF>, once its headerTimeout passed (within 1 s more): true
half a ClientHello, to text://: <EOF>, once its headerTimeout passed (within 1 s more): true
half a head after the handshake, to https://: [408 Request Timeout] <EOF>, once its headerTimeout passed (within 1 s more): true
== after the handshake
not-a-record: handshake done: TLSv1.3, closed by the server
bad-record: handshake done: TLSv1.3, closed by the server
== good clients afterwards
[200 keep-alive "served /after"]
echo after
[200 close "plain /after"] <EOF>
== status --json protocol_errors
{"https":3,"plain":1,"text":4}
== log
Worker[https] connection N from 127.0.0.1:PORT: TLS handshake failed: http request (plaintext HTTP sent to a TLS port); closing it
Worker[https] connection N from 127.0.0.1:PORT: the TLS handshake did not complete in time; closing it
Worker[text] connection N from 127.0.0.1:PORT: TLS handshake failed: wrong version number (not TLS: a plaintext client, or garbage); closing it
Worker[text] connection N from 127.0.0.1:PORT: the TLS handshake did not complete in time; closing it
Worker[text] connection N from 127.0.0.1:PORT: TLS record refused: wrong version number (not TLS: a plaintext client, or garbage); closing it
Worker[text] connection N from 127.0.0.1:PORT: TLS record refused: decryption failed or bad record mac; closing it
int(0)
