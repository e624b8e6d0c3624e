--TEST--
Process: a child killed with SIGKILL or SIGSEGV is logged in words and replaced by a new process in the same slot
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'victim';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("child {$w->id} " . getmypid()); };
$w->onMessage = function ($c, $m) { $c->send("{$c->worker->id} " . getmypid()); };
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("exit {$w->name} $status $pid"); };
Worker::runAll();
PHP);
$server->waitForChildren(2);
$server->waitForLog('child ', 10, 2);
$starts = 2;
foreach ([SIGKILL, SIGSEGV] as $signal) {
    preg_match_all('/child (\d) (\d+)/', $server->log(), $m, PREG_SET_ORDER);
    [, $slot, $pid] = end($m);
    posix_kill((int)$pid, $signal);
    $server->waitForLog('child ', 10, ++$starts);
    preg_match_all('/child (\d) (\d+)/', $server->log(), $m, PREG_SET_ORDER);
    [, $newSlot, $newPid] = end($m);
    var_dump($newSlot === $slot, $newPid !== $pid);
    $children = $server->waitForChildren(2);
    var_dump(in_array((int)$newPid, $children), !in_array((int)$pid, $children));
    $log = $server->log();
    var_dump(substr_count($log, "exit victim $signal $pid"));
    preg_match("/worker\\[victim:$pid\\] (.*)/", $log, $line);
    echo $line[1], "\n";
}
// The replacements serve: every answer comes from a current child, in the slot it was started in.
$children = $server->children();
$ok = true;
for ($i = 0; $i < 6; $i++) {
    $c = $server->connect();
    fwrite($c, "x\n");
    [$slot, $pid] = explode(' ', read_line($c));
    $ok = $ok && in_array((int)$pid, $children) && str_contains($server->log(), "child $slot $pid");
}
var_dump($ok);
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
killed by SIGKILL (Killed)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
killed by SIGSEGV (Segmentation fault)%S
bool(true)
int(0)
