--TEST--
Metrics: a metricsListen address in use or not an http:// address fails the start with a message saying what to do, before anything forks
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$holder = stream_socket_server('tcp://127.0.0.1:0');
$busy = (int)substr(strrchr(stream_socket_get_name($holder, false), ':'), 1);
foreach (["http://127.0.0.1:$busy", 'tcp://127.0.0.1:9100', 'http://nonsense'] as $address) {
    $server = TestServer::spawn(str_replace('ADDRESS', $address, <<<'PHP'
Worker::$metricsListen = 'ADDRESS';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = fn() => Worker::log('a worker started');
Worker::runAll();
PHP));
    var_dump($server->wait());
    $out = $server->output();
    preg_match('/Surge\\\\Worker::\$metricsListen [^\n]*/', $out, $m);
    echo str_replace((string)$busy, 'PORT', $m[0] ?? $out), "\n";
    var_dump(str_contains($server->log(), 'a worker started'), $server->listening());
}
fclose($holder);
?>
--EXPECTF--
int(255)
Surge\Worker::$metricsListen 'http://127.0.0.1:PORT': cannot listen on 127.0.0.1:PORT (another process listens there: stop it or choose another port): Address already in use in %s
bool(false)
bool(false)
int(255)
Surge\Worker::$metricsListen 'tcp://127.0.0.1:9100': the scheme must be http://, e.g. 'http://127.0.0.1:9100' or 'http://[::1]:9100' in %s
bool(false)
bool(false)
int(255)
Surge\Worker::$metricsListen 'http://nonsense': %s; use e.g. 'http://127.0.0.1:9100' or 'http://[::1]:9100' in %s
bool(false)
bool(false)
