--TEST--
Process: two `start` commands at the same moment: exactly one master runs, the other says "already running" and exits 1
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$code = <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->reusePort = true;  // both could bind: only the start lock and the pid file decide
Worker::runAll();
PHP;
$first = TestServer::spawn($code, ['start'], ['wait' => false]);
$second = $first->launchAnother(['start'], 'second');
$deadline = microtime(true) + 15;
// proc_get_status() reports the exit code only once: keep the status that saw the exit.
while (($secondStatus = proc_get_status($second))['running'] && $first->isRunning() && microtime(true) < $deadline) usleep(20000);
$outputs = [$first->output(), (string)file_get_contents($first->dir . '/second.out')];
$exits = [$first->isRunning() ? 'running' : 'exited ' . $first->wait(0),
          $secondStatus['running'] ? 'running' : 'exited ' . $secondStatus['exitcode']];
echo count(array_filter($outputs, fn($o) => str_contains($o, 'Start success'))), " started, ",
     count(array_filter($outputs, fn($o) => str_contains($o, 'already running'))), " refused\n";
sort($exits);
echo implode(', ', $exits), "\n";
$pid = (int)file_get_contents($first->dir . '/server.pid');
echo "pid file names a running master: ", var_export($pid > 0 && file_exists("/proc/$pid"), true), "\n";
posix_kill($pid, SIGTERM);
$deadline = microtime(true) + 10;
while (file_exists("/proc/$pid") && !str_contains((string)@file_get_contents("/proc/$pid/stat"), ') Z') && microtime(true) < $deadline) usleep(20000);
echo "stopped, pid file removed: ", var_export(!file_exists($first->dir . '/server.pid'), true), "\n";
proc_close($second);
?>
--EXPECT--
1 started, 1 refused
exited 1, running
pid file names a running master: true
stopped, pid file removed: true
