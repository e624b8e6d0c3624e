--TEST--
Issue 10 §6, the lock-out: a worker under `ulimit -n 256` and an attacker holding 400 idle connections (more than the worker can accept) does not lock new clients out: the head timeout closes the idle connections, the worker accepts again, and a new client is served; every attacker socket is closed in the end
--SKIPIF--
<?php if (!is_executable('/usr/bin/prlimit') && trim((string)shell_exec('command -v prlimit')) === '') die('skip prlimit (util-linux) is needed to lower the worker\'s descriptor limit');
--FILE--
<?php
require_once __DIR__ . '/timeouts.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->headerTimeout = 1;
$w->onMessage = fn($c, $r) => $c->send('served ' . $r->path());
Worker::runAll();
PHP);
[$worker] = $server->waitForChildren(1);
// The worker's own limit, set from outside as `ulimit -n 256` would have at its start.
exec('prlimit --pid ' . $worker . ' --nofile=256:256', $out, $code);
echo 'limit set: ', $code === 0 ? 'yes' : 'no', "\n";

$attackers = [];
for ($i = 0; $i < 400; $i++) {
    $attackers[] = $server->connect();
}
$descriptors = fn() => count(glob("/proc/$worker/fd/*"));
wait_for(fn() => $descriptors() >= 250, 'the worker to run out of descriptors');
echo "the worker ran out of descriptors: yes\n";

$client = $server->connect();
fwrite($client, "GET /new HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
echo 'the new client: ', http_describe(http_until_eof($client, 15)), "\n";

$open = $attackers;
wait_for(function () use (&$open) {
    foreach ($open as $k => $s) {
        stream_set_blocking($s, false);
        $chunk = fread($s, 100);
        if ($chunk !== '' || feof($s)) {
            unset($open[$k]);
        }
    }
    return $open === [];
}, 'every attacker socket to be closed', 15);
echo "every attacker socket was closed: yes\n";
var_dump($server->stop());
?>
--EXPECT--
limit set: yes
the worker ran out of descriptors: yes
the new client: [200 close "served /new"] <EOF>
every attacker socket was closed: yes
int(0)
