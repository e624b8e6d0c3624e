--TEST--
accept() failing with EMFILE (the worker process out of descriptors): accepting pauses and retries without a busy loop, the log holds one line however long it lasts, connections already open are served, and accepting resumes (with one line saying so) once a descriptor is free
--SKIPIF--
<?php if (!is_executable('/usr/bin/prlimit')) die('skip prlimit (util-linux) not installed'); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$ticks = 0;
$w->onWorkerStart = function () use (&$ticks) {
    Timer::add(0.02, function () use (&$ticks) { $ticks++; });
};
$w->onMessage = function ($c, $m) use (&$ticks) {
    $c->send($m === 'ticks' ? "ticks $ticks" : "echo $m");
};
Worker::runAll();
PHP);
$worker = $server->waitForChildren(1)[0];
$first = $server->connect();
fwrite($first, "hello\n");
echo fgets($first);
$ticks = function () use ($first): int {
    fwrite($first, "ticks\n");
    return (int)substr(fgets($first), 6);
};

// The worker may open two more descriptors: two clients get in, the others wait.
$open = count(scandir("/proc/$worker/fd")) - 2;
exec(sprintf('/usr/bin/prlimit --pid %d --nofile=%d:%d 2>&1', $worker, $open + 2, $open + 2), $out, $code);
if ($code !== 0) { echo "prlimit failed: ", implode("\n", $out), "\n"; }
$clients = [];
for ($i = 0; $i < 5; $i++) {
    $clients[$i] = $server->connect();
    fwrite($clients[$i], "client $i\n");
}
$server->waitForLog('accept() failed');
echo "existing connection: ";
fwrite($first, "still served\n");
echo fgets($first);
// Half a second of the worker's own timer (about five back-offs) while accept() keeps failing.
$from = $ticks();
wait_for(fn() => $ticks() >= $from + 25 ? true : null, 'the worker timer to tick 25 times');
echo "clients 0 and 1: ", trim(fgets($clients[0])), ', ', trim(fgets($clients[1])), "\n";
echo "'accept() failed' lines: ", substr_count($server->log(), 'accept() failed'), "\n";
// One descriptor free: one waiting client gets in, the shortage goes on for the others.
fclose($clients[0]);
echo "client 2: ", fgets($clients[2]);
echo "'accept() failed' lines: ", substr_count($server->log(), 'accept() failed'), "\n";
// Enough free for every waiting client: accepting is back to normal.
fclose($clients[1]);
fclose($clients[2]);
fclose($first);
echo "clients 3 and 4: ", trim(fgets($clients[3])), ', ', trim(fgets($clients[4])), "\n";
$server->waitForLog('accept() works again');
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'accept()')) {
        echo preg_replace(['/failures in [\d.]+ s/', '/after \d+ failures/'], ['failures in S s', 'after N failures'], $line), "\n";
    }
}
var_dump($server->stop());
?>
--EXPECT--
echo hello
existing connection: echo still served
clients 0 and 1: echo client 0, echo client 1
'accept() failed' lines: 1
client 2: echo client 2
'accept() failed' lines: 1
clients 3 and 4: echo client 3, echo client 4
accept() failed: Too many open files; accepting pauses 100 ms at a time until descriptors free up (raise `ulimit -n`, or set maxConnections); existing connections are served
accept() works again: every waiting client accepted, after N failures in S s
int(0)
