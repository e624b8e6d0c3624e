--TEST--
Service: it inherits none of the master's descriptors (listening socket included); a reload leaves it running; a command that does not exist is logged with what to do; stop sends SIGTERM to its process group and SIGKILLs one that ignores it after stopTimeout; the master waits for it
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
Worker::$stopTimeout = 5;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onMessage = fn($c, $m) => $c->send($m);
new Surge\Service('stubborn', [
    'command' => ['/bin/sh', '-c', 'trap "echo ignoring TERM" TERM; echo ready; while :; do sleep 0.05; done'],
    'stopTimeout' => 0.3,
]);
new Surge\Service('missing', ['command' => ['surge-no-such-program', '--flag'], 'restart' => 'never']);
new Surge\Service('absent', ['command' => ['/nonexistent/bin/tool'], 'backoff' => ['initial' => 0.05, 'max' => 0.05]]);
Worker::runAll();
PHP);
$server->waitForLog('service[stubborn:');
$server->waitForLog('] ready');
$log = $server->waitForLog('service[absent] cannot start', 10, 2);  // retried after its back-off
foreach ($server->logMessages() as $m) {
    if (str_starts_with($m, 'service[missing]') || str_starts_with($m, 'service[absent]')) {
        $m = preg_replace('/PATH \(.*\)/', 'PATH (...)', $m);
        $seen[$m] = true;
    }
}
echo implode("\n", array_keys($seen)), "\n";

$status = fn() => array_column(json_decode($server->command(['status', '--json'])[1], true)['services'], null, 'name');
$before = $status();
$pid = $before['stubborn']['pid'];
echo "missing: {$before['missing']['state']}, absent: ", in_array($before['absent']['state'], ['backoff'], true) ? 'backoff' : $before['absent']['state'], "\n";
// Only stdin, stdout and stderr: no listening socket, board, pipe or log file of the master.
$fds = array_map('intval', array_diff(scandir("/proc/$pid/fd"), ['.', '..']));
sort($fds);
echo "service fds: ", implode(',', $fds), "\n";
echo "own process group: ", var_export(posix_getpgid($pid) === $pid, true), "\n";

// A reload replaces the workers, not the service.
$workers = $server->waitForChildren(3);
posix_kill($server->pid, SIGUSR1);
$server->waitForLog('reload done');
$after = $status();
echo "after reload: same pid ", var_export($after['stubborn']['pid'] === $pid, true), ", restarts ", $after['stubborn']['restarts'], "\n";

var_dump($server->stop());
$messages = $server->logMessages();
// The shell may also report its `sleep` (same process group) as "Terminated": not counted.
$tail = array_values(array_filter($messages, fn($m) => str_starts_with($m, "service[stubborn:$pid]")
    && !str_contains($m, 'ready') && !str_contains($m, 'started') && !str_ends_with($m, 'Terminated')));
echo implode("\n", str_replace((string)$pid, 'PID', $tail)), "\n";
echo "stopped last: ", var_export(str_ends_with(end($messages), 'has been stopped'), true), "\n";
echo "service gone: ", var_export(!file_exists("/proc/$pid"), true), "\n";
?>
--EXPECT--
service[missing] cannot start: "surge-no-such-program" was not found in PATH (...): install it, or give its full path as command[0]
service[missing] not retried (restart: never)
service[absent] cannot start: "/nonexistent/bin/tool" does not exist: give the program's correct path
service[absent] retrying in 0.05 s
missing: stopped, absent: backoff
service fds: 0,1,2
own process group: true
after reload: same pid true, restarts 0
int(0)
service[stubborn:PID] ignoring TERM
service[stubborn:PID] did not stop within 0.3 s of stopTimeout, sending SIGKILL
service[stubborn:PID] killed by SIGKILL
stopped last: true
service gone: true
