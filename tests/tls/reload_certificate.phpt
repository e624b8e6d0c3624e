--TEST--
TLS certificates on reload: after server.pem/server.key are replaced by a renewed certificate, `reload` makes the master read them again: the new worker process serves the new certificate (its serial seen by a new connection) while a keep-alive connection opened before the reload, mid-request when it came, gets its answer from the old process over its old session, then is closed by it; when server.pem is then garbage, `reload` logs why the files do not load, replaces no process and signals none (same pid, no onWorkerReload, no connection cut; the master says how many workers kept their processes) and new connections still get the renewed certificate
--FILE--
<?php
require __DIR__ . '/tls.inc';
$certs = TestCerts::make();
$server = TestServer::start('const CERTS = ' . var_export($certs->dir, true) . ";\n" . <<<'PHP'
Worker::$stopTimeout = 10;
$w = new Worker('https://127.0.0.1:' . TEST_PORT, ['ssl' => [
    'local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server.key']]);
$w->name = 'web';
$w->count = 1;
$w->onMessage = fn($c, $r) => $c->send('pid ' . getmypid() . ' ' . $r->path());
$w->onWorkerStart = fn() => Worker::log('started ' . getmypid());
$w->onWorkerReload = function () {
    Worker::log('onWorkerReload ' . getmypid());
    // Once the signal is handled: is this process still serving, or going?
    Timer::add(0.001, fn() => Worker::log('after onWorkerReload ' . getmypid() . ' status ' . Worker::getStatus()), [], false);
};
Worker::runAll();
PHP);

function serial_of_file(string $file): string
{
    return openssl_x509_parse(file_get_contents($file))['serialNumber'];
}

/** Opens a TLS connection; returns [stream, serial of the certificate the server presented]. */
function open(TestCerts $certs, int $port): array
{
    $s = tls_connect($certs, $port, ['capture_peer_cert' => true]);
    $cert = stream_context_get_params($s)['options']['ssl']['peer_certificate'];
    return [$s, openssl_x509_parse($cert)['serialNumber']];
}

/** Sends one GET on $s and reads the answer; returns its body. */
function get($s, string $path): string
{
    fwrite($s, "GET $path HTTP/1.1\r\nHost: localhost\r\n\r\n");
    return read_answer($s);
}

function read_answer($s): string
{
    $head = '';
    while (!str_contains($head, "\r\n\r\n")) {
        $line = fgets($s);
        if ($line === false) {
            return 'no answer: ' . json_encode($head);
        }
        $head .= $line;
    }
    preg_match('/\r\nContent-Length: (\d+)\r\n/i', $head, $m);
    return read_bytes($s, (int)$m[1]);
}

[$old] = $server->waitForChildren(1);
$server->waitForLog("started $old");
$first = serial_of_file($certs->path('server.pem'));
[$keep, $serial] = open($certs, $server->port);
echo "first connection sees server.pem's serial: ", var_export($serial === $first, true), "\n";
echo "answered by the first process: ", var_export(get($keep, '/one') === "pid $old /one", true), "\n";

// The renewed certificate (a new key too) is copied over the files the worker names.
$certs->key('renewed.key');
$certs->sign('renewed.key', 'renewed.pem', '/CN=localhost', 'DNS:localhost,IP:127.0.0.1,IP:::1', 30);
$renewed = serial_of_file($certs->path('renewed.pem'));
echo "renewed serial differs: ", var_export($renewed !== $first, true), "\n";
copy($certs->path('renewed.pem'), $certs->path('server.pem'));
copy($certs->path('renewed.key'), $certs->path('server.key'));

// A request half sent on the keep-alive connection: the old process must finish it.
fwrite($keep, "GET /two HTTP/1.1\r\nHost: local");
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$server->waitForLog('reload done');
$server->waitForLog("onWorkerReload $old");
$new = wait_for(fn() => array_values(array_diff($server->children(), [$old]))[0] ?? null, 'the new worker process');
$server->waitForLog("started $new");
[$fresh, $serial] = open($certs, $server->port);
echo "new connection sees the renewed serial: ", var_export($serial === $renewed, true), "\n";
echo "answered by the new process: ", var_export(get($fresh, '/three') === "pid $new /three", true), "\n";
fclose($fresh);
fwrite($keep, "host\r\n\r\n");
echo "old connection's request answered by the old process: ", var_export(read_answer($keep) === "pid $old /two", true), "\n";
echo "old connection closed by the old process: ", var_export(wait_closed($keep), true), "\n";
wait_for(fn() => $server->children() === [$new], 'the old process to exit');
echo "old process gone\n";

// A certificate file that does not load: the master says why and keeps the process.
[$keep, $serial] = open($certs, $server->port);
echo "keep-alive connection before the failed reload: ", var_export(get($keep, '/four') === "pid $new /four", true), "\n";
file_put_contents($certs->path('server.pem'), "this is not a certificate\n");
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$server->waitForLog('worker(s) kept their processes');
$messages = $server->logMessages();
$messages = array_slice($messages, max(array_keys($messages, 'Surge[server.php] reloading')));
echo implode("\n", str_replace([(string)$server->port, $certs->dir, (string)$new], ['PORT', 'CERTS', 'PID'], $messages)), "\n";
echo "keep-alive connection still served by it: ", var_export(get($keep, '/five') === "pid $new /five", true), "\n";
[$fresh, $serial] = open($certs, $server->port);
echo "new connection still sees the renewed serial: ", var_export($serial === $renewed, true), "\n";
echo "answered by the same process: ", var_export(get($fresh, '/six') === "pid $new /six", true), "\n";
echo "same process: ", var_export($server->children() === [$new], true), "\n";
echo "processes started: ", count(preg_grep('/^started /', $server->logMessages())), "\n";
var_dump($server->stop());
?>
--EXPECT--
first connection sees server.pem's serial: true
answered by the first process: true
renewed serial differs: true
reload exit 0
new connection sees the renewed serial: true
answered by the new process: true
old connection's request answered by the old process: true
old connection closed by the old process: true
old process gone
keep-alive connection before the failed reload: true
reload exit 0
Surge[server.php] reloading
Worker[web] https://127.0.0.1:PORT: local_cert CERTS/server.pem: no PEM certificate in it; its processes are not reloaded and keep serving with the certificate they have
reload done: 1 worker(s) kept their processes (see above why)
keep-alive connection still served by it: true
new connection still sees the renewed serial: true
answered by the same process: true
same process: true
processes started: 2
int(0)
