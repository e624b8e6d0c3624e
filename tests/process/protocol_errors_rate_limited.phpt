--TEST--
Process: a flood of malformed input logs at most 10 lines per process per 5 s and then one "N more protocol errors suppressed" line; every protocol error (here text lines too long and HTTP 400s) is counted in `status` (proto_err column) and `status --json` (protocol_errors)
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$httpPort = TestServer::freePort();
$server = TestServer::start(<<<PHP
TcpConnection::\$defaultMaxPackageSize = 16;
\$t = new Worker('text://127.0.0.1:' . TEST_PORT);
\$t->name = 'text';
\$t->onMessage = fn(\$c, \$m) => \$c->send(\$m);
\$h = new Worker('http://127.0.0.1:$httpPort');
\$h->name = 'http';
\$h->onMessage = fn(\$c, \$r) => \$c->send('ok');
Worker::runAll();
PHP);
$server->waitForChildren(2);
$flood = 200;
for ($i = 0; $i < $flood; $i++) {
    $c = $server->connect();
    fwrite($c, str_repeat('x', 40) . "\n");
    if (!wait_closed($c)) { echo "text connection $i not closed\n"; }
    fclose($c);
}
for ($i = 0; $i < 3; $i++) {
    $c = stream_socket_client("tcp://127.0.0.1:$httpPort", $errno, $errstr, 5);
    fwrite($c, "GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nxyz\r\n0\r\n\r\n");
    $answer = stream_get_contents($c);
    if (!str_starts_with($answer, "HTTP/1.1 400 ")) { echo "http answer: $answer\n"; }
    fclose($c);
}
// The text worker still answers a well-behaved client.
$good = $server->connect();
fwrite($good, "hello\n");
echo "good client: ", read_line($good), "\n";

$counts = wait_for(function () use ($server) {
    [$code, $json] = $server->command(['status', '--json']);
    $byWorker = [];
    foreach (json_decode($json, true)['processes'] ?? [] as $p) {
        $byWorker[$p['worker']] = $p['protocol_errors'];
    }
    return ($byWorker['text'] ?? 0) >= 200 && ($byWorker['http'] ?? 0) >= 3 ? $byWorker : null;
}, 'the status board to count the protocol errors');
ksort($counts);
echo "status --json protocol_errors: ", json_encode($counts), "\n";
[, $text] = $server->command(['status']);
echo "status table has proto_err: ", var_export(str_contains($text, 'send_fail proto_err timers'), true), "\n";
echo "summary row counts 203: ", var_export((bool)preg_match('/^Summary\t.*\s203\s/m', $text), true), "\n";

var_dump($server->stop());
// One line per logged error, then summaries that account for all the others.
$detail = 0;
$suppressed = 0;
$summaries = 0;
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'line longer than maxPackageSize; closing it')) $detail++;
    if (preg_match('/^(\d+) more protocol errors? suppressed \(at most 10 logged per 5 s; `status` counts them all\)$/', $line, $m)) {
        $suppressed += (int)$m[1];
        $summaries++;
    }
}
echo "logged + suppressed = ", $detail + $suppressed, "\n";
echo "detail lines bounded: ", var_export($detail >= 10 && $detail <= 10 * $summaries, true), "\n";
echo "summary lines: ", var_export($summaries >= 1 && $summaries <= 20, true), "\n";
?>
--EXPECT--
good client: hello
status --json protocol_errors: {"http":3,"text":200}
status table has proto_err: true
summary row counts 203: true
int(0)
logged + suppressed = 200
detail lines bounded: true
summary lines: true
