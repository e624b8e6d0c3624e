#!/usr/bin/env bash
# Runs a Surge server under valgrind (master and forked workers), drives real traffic
# through it (echo, pipelined lines, oversized input, an exception in onMessage, timers,
# abrupt disconnects; on an http:// worker: keep-alive, pipelining, bad requests,
# chunked and multipart uploads, Response objects, files, sessions, a 500; on a
# websocket:// worker with permessage-deflate: messages both ways plain and compressed,
# fragments, pings, broadcast, bad frames, close handshakes, dropped connections), stops it with SIGTERM, and fails if valgrind saw a memory error or
# a definite leak in any process. `bash scripts/leak-check.sh` repeats it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ext=${SURGE_EXT:-$root/modules/surge.so}
work=$(mktemp -d /tmp/surge-leak.XXXXXX)
trap 'pkill -KILL -f "$work/server.php" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { php -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);'; }
port=$(free_port)
http_port=$(free_port)
ws_port=$(free_port)

cat >"$work/server.php" <<PHP
<?php
use Surge\Worker;
use Surge\Timer;
Worker::\$pidFile = '$work/server.pid';
Worker::\$logFile = '$work/server.log';
\$w = new Worker('text://127.0.0.1:$port');
\$w->count = 2;
\$w->onWorkerStart = function () {
    Timer::add(0.01, function () {});
    \$once = Timer::add(0.02, function () {}, [], false);
};
\$w->onConnect = function (\$c) { \$c->tag = str_repeat('x', 100); };
\$w->onMessage = function (\$c, \$line) {
    if (\$line === 'boom') { throw new RuntimeException('boom'); }
    if (\$line === 'bye') { \$c->close("bye\n", true); return; }
    \$c->send(\$line);
};
\$w->onClose = function (\$c) {};
\$h = new Worker('http://127.0.0.1:$http_port');
\$h->onMessage = function (\$c, \$r) {
    switch (\$r->path()) {
        case '/boom': throw new RuntimeException('boom');
        case '/file': \$c->send((new Surge\\Protocols\\Http\\Response())->withFile('$work/server.php')); return;
        case '/session': \$r->session()->set('n', \$r->session()->get('n', 0) + 1); break;
        case '/chunked':
            \$c->send(new Surge\\Protocols\\Http\\Response(200, ['Transfer-Encoding' => 'chunked'], 'a'));
            \$c->send(new Surge\\Protocols\\Http\\Chunk('b'));
            \$c->send(new Surge\\Protocols\\Http\\Chunk(''));
            return;
    }
    \$c->send(json_encode([\$r->get(), \$r->post(), \$r->header(), \$r->cookie(), array_keys(\$r->file()), \$r->trailer()]));
};
\$ws = new Worker('websocket://127.0.0.1:$ws_port');
\$ws->websocketCompression = true;
\$ws->onWebSocketConnect = function (\$c, \$r) { \$c->path = \$r->path(); };
\$ws->onMessage = function (\$c, \$m) {
    if (\$m === 'boom') { throw new RuntimeException('boom'); }
    if (\$m === 'all') { \$c->worker->broadcast('to all'); return; }
    \$c->send(\$m);
};
Worker::runAll();
PHP

USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 valgrind -q --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --log-file="$work/vg.%p.log" \
  php -n -d extension="$ext" "$work/server.php" start -q >"$work/server.out" 2>&1 &
master=$!

php -n -r '
$port = (int)$argv[1];
$deadline = microtime(true) + 60;
do { $s = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 1); } while (!$s && microtime(true) < $deadline && !usleep(100000));
if (!$s) { fwrite(STDERR, "server did not start\n"); exit(1); }
stream_set_timeout($s, 30);
$fail = 0;
for ($i = 0; $i < 20; $i++) { fwrite($s, "line $i\n"); if (fgets($s) !== "line $i\n") $fail++; }
fwrite($s, implode("", array_map(fn($i) => "p$i\n", range(1, 50))));
for ($i = 1; $i <= 50; $i++) { if (fgets($s) !== "p$i\n") $fail++; }
fwrite($s, "bye\n"); if (fgets($s) !== "bye\n") $fail++;
fclose($s);
for ($k = 0; $k < 10; $k++) {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 10);
    stream_set_timeout($c, 30);
    fwrite($c, $k % 3 == 0 ? "boom\n" : ($k % 3 == 1 ? "half a line" : "x$k\n"));
    if ($k % 3 == 2 && fgets($c) !== "x$k\n") $fail++;
    fclose($c);
}
$big = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 10);
stream_set_timeout($big, 30);
@fwrite($big, str_repeat("a", 11 * 1024 * 1024));
fclose($big);
usleep(500000);
// HTTP: every answer must be a complete response (or the error answer) and the
// worker must keep serving.
$http = (int)$argv[2];
$exchange = function (string $raw) use ($http) {
    $c = stream_socket_client("tcp://127.0.0.1:$http", $e, $es, 10);
    stream_set_timeout($c, 30);
    fwrite($c, $raw);
    stream_socket_shutdown($c, STREAM_SHUT_WR);
    $out = stream_get_contents($c);
    fclose($c);
    return $out;
};
$b = "XyZ";
$multipart = "--$b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"up[]\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--$b--\r\n";
$cases = [
    ["GET /a?x=1&y[]=2 HTTP/1.1\r\nHost: a\r\nCookie: c=1\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 2],
    ["POST /p HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close\r\n\r\na=1&b=2", 1],
    ["POST /j HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}", 1],
    ["POST /m HTTP/1.1\r\nHost: a\r\nContent-Type: multipart/form-data; boundary=$b\r\nContent-Length: " . strlen($multipart) . "\r\nConnection: close\r\n\r\n$multipart", 1],
    ["POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", 1],
    ["GET /file HTTP/1.1\r\nHost: a\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n", 1],
    ["GET /session HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 1],
    ["GET /chunked HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 1],
    ["GET /boom HTTP/1.1\r\nHost: a\r\n\r\n", 1],
    ["GET / HTTP/1.1\r\n\r\n", 1],
    ["POST /half HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly some", 0],
];
foreach ($cases as [$raw, $answers]) {
    $out = $exchange($raw);
    if (substr_count($out, "HTTP/1.1 ") !== $answers) { fwrite(STDERR, "HTTP answers to " . json_encode(substr($raw, 0, 40)) . ": " . json_encode($out) . "\n"); $fail++; }
}
// WebSocket: masked frames written by hand, answers read back (inflated when compressed).
$wsPort = (int)$argv[3];
$frame = function (string $payload, int $first) {
    $mask = random_bytes(4);
    $n = strlen($payload);
    $head = chr($first) . ($n < 126 ? chr(0x80 | $n) : ($n < 65536 ? chr(0xfe) . pack("n", $n) : chr(0xff) . pack("J", $n)));
    return $head . $mask . ($payload ^ substr(str_repeat($mask, intdiv($n, 4) + 1), 0, $n));
};
$readFrame = function ($s) {
    $h = fread($s, 2);
    if (strlen($h) < 2) return null;
    $n = ord($h[1]) & 0x7f;
    if ($n === 126) $n = unpack("n", fread($s, 2))[1];
    elseif ($n === 127) $n = unpack("J", fread($s, 8))[1];
    $p = "";
    while (strlen($p) < $n && !feof($s)) $p .= fread($s, $n - strlen($p));
    return [ord($h[0]), $p];
};
$open = function (bool $deflate) use ($wsPort) {
    $s = stream_socket_client("tcp://127.0.0.1:$wsPort", $e, $es, 10);
    stream_set_timeout($s, 30);
    fwrite($s, "GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        . ($deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") . "\r\n");
    $head = "";
    while (!str_contains($head, "\r\n\r\n") && !feof($s)) $head .= fread($s, 1);
    return [$s, str_starts_with($head, "HTTP/1.1 101")];
};
foreach ([false, true] as $deflate) {
    [$s, $ok] = $open($deflate);
    if (!$ok) { fwrite(STDERR, "no 101\n"); $fail++; continue; }
    $long = str_repeat("compressible ", 200);
    $out = $deflate ? deflate_init(ZLIB_ENCODING_RAW) : null;
    $in = $deflate ? inflate_init(ZLIB_ENCODING_RAW) : null;
    foreach (["hello", $long, str_repeat("b", 70000)] as $msg) {
        if ($deflate) {
            fwrite($s, $frame(substr(deflate_add($out, $msg, ZLIB_SYNC_FLUSH), 0, -4), 0xc1));
        } else {
            fwrite($s, $frame($msg, 0x81));
        }
        [$first, $payload] = $readFrame($s) ?? [0, ""];
        if ($first & 0x40) $payload = inflate_add($in, $payload . "\x00\x00\xff\xff", ZLIB_SYNC_FLUSH);
        if ($payload !== $msg) { fwrite(STDERR, "ws echo differs (deflate=" . (int)$deflate . ")\n"); $fail++; }
    }
    fwrite($s, $frame("par", 0x01) . $frame("pi", 0x89) . $frame("ts", 0x80));
    $pong = $readFrame($s);
    $echo = $readFrame($s);
    if (($pong[0] ?? 0) !== 0x8a || ($echo[1] ?? "") !== "parts") { fwrite(STDERR, "ws fragments/ping\n"); $fail++; }
    fwrite($s, $frame("all", 0x81));
    if (($readFrame($s)[1] ?? "") !== "to all") { fwrite(STDERR, "ws broadcast\n"); $fail++; }
    fwrite($s, $frame("\x03\xe8bye", 0x88));
    $close = $readFrame($s);
    if (($close[0] ?? 0) !== 0x88) { fwrite(STDERR, "ws close\n"); $fail++; }
    fclose($s);
}
foreach (["\xc3\x28", "boom"] as $bad) {  // invalid UTF-8 (1007), an exception (1011)
    [$s] = $open(true);
    fwrite($s, $frame($bad, 0x81));
    $readFrame($s);
    fclose($s);
}
[$s] = $open(true);
fwrite($s, substr($frame(str_repeat("x", 1000), 0x81), 0, 300));  // dropped mid-frame
fclose($s);
usleep(500000);
if ($fail) { fwrite(STDERR, "$fail wrong answers\n"); exit(1); }
echo "traffic done\n";
' "$port" "$http_port" "$ws_port"

kill -TERM "$master"
for _ in $(seq 1 600); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
wait "$master" || true

status=0
logs=("$work"/vg.*.log)
echo "valgrind logs: ${#logs[@]} processes"
for log in "${logs[@]}"; do
  if [ -s "$log" ]; then
    echo "---- $log" >&2
    cat "$log" >&2
    status=1
  fi
done
[ ${#logs[@]} -ge 3 ] || { echo "expected the master and at least two workers under valgrind" >&2; status=1; }
grep -q "threw RuntimeException: boom" "$work/server.log" || { echo "exception was not logged" >&2; status=1; }
[ $status -eq 0 ] && echo "no memory errors, no definite leaks"
exit $status
