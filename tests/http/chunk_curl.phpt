--TEST--
HTTP Chunk: curl as an independent client reads the chunked response raw (--raw) and de-chunked
--SKIPIF--
<?php
exec('command -v curl', $out, $code);
if ($code !== 0) {
    die('skip curl is not installed');
}
?>
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Chunk;
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send(new Response(200, ['Transfer-Encoding' => 'chunked', 'Content-Type' => 'text/plain'], "first\n"));
    $c->send(new Chunk("second\n"));
    // Many more chunks from a timer, then the end.
    $n = 0;
    $id = Timer::add(0.001, function () use ($c, &$n, &$id) {
        $c->send(new Chunk(sprintf("chunk %03d %s\n", ++$n, str_repeat('.', $n))));
        if ($n === 100) {
            Timer::del($id);
            $c->send(new Chunk(''));
        }
    });
};
Worker::runAll();
PHP);
$url = "http://127.0.0.1:{$server->port}/stream";
$expected = "first\nsecond\n";
for ($n = 1; $n <= 100; $n++) {
    $expected .= sprintf("chunk %03d %s\n", $n, str_repeat('.', $n));
}

/** Runs a command without a shell; returns [exit code, stdout bytes, stderr]. */
function run(array $cmd): array
{
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    return [proc_close($p), $out, $err];
}

[$code, $body, $err] = run(['curl', '-sS', '--max-time', '10', '-D', $server->dir . '/headers', $url]);
echo "de-chunked: exit $code $err, ", $body === $expected ? 'body as sent' : "body differs:\n$body", "\n";
echo rtrim(wire(mask_date(file_get_contents($server->dir . '/headers')))), "\n";

[$code, $raw, $err] = run(['curl', '-sS', '--raw', '--max-time', '10', $url]);
$chunked = "6\r\nfirst\n\r\n7\r\nsecond\n\r\n";
for ($n = 1; $n <= 100; $n++) {
    $line = sprintf("chunk %03d %s\n", $n, str_repeat('.', $n));
    $chunked .= dechex(strlen($line)) . "\r\n$line\r\n";
}
$chunked .= "0\r\n\r\n";
echo "raw: exit $code $err, ", $raw === $chunked ? 'chunk framing as expected' : "framing differs:\n" . wire($raw), "\n";
echo implode("\n", array_slice(explode("\n", wire($raw)), 0, 9)), "\n";
var_dump($server->stop());
?>
--EXPECT--
de-chunked: exit 0 , body as sent
HTTP/1.1 200 OK\r\n
Transfer-Encoding: chunked\r\n
Content-Type: text/plain\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
\r\n
raw: exit 0 , chunk framing as expected
6\r\n
first\n
\r\n
7\r\n
second\n
\r\n
c\r\n
chunk 001 .\n
\r\n
int(0)
