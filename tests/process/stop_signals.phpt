--TEST--
Process: SIGINT, SIGTERM, SIGHUP and SIGTSTP stop the master (exit 0) and every child, running onWorkerStop and onClose
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$code = <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'sig';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("start {$w->id}"); };
$w->onConnect = function ($c) { $c->send("hi"); };
$w->onWorkerStop = function ($w) { Worker::log("stop {$w->id} " . count($w->connections)); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::$onMasterStop = function () { Worker::log('master stopped'); };
Worker::runAll();
PHP;
foreach ([SIGINT => 'SIGINT', SIGTERM => 'SIGTERM', SIGHUP => 'SIGHUP', SIGTSTP => 'SIGTSTP'] as $signal => $name) {
    $server = TestServer::start($code);
    $children = $server->waitForChildren(2);
    // Both children's own lines (the master's "start in DEBUG mode" also contains "start ").
    $server->waitForLog('start 0');
    $server->waitForLog('start 1');
    $c = $server->connect();
    read_line($c);
    echo "== $name: exit ", $server->stop($signal), "\n";
    var_dump(wait_closed($c), $server->groupProcesses(), file_exists($server->dir . '/server.pid'));
    $log = $server->logMessages();
    echo implode("\n", array_filter($log, fn($l) => str_starts_with($l, 'Surge[') || $l === 'master stopped')), "\n";
    $child = preg_replace('/^stop \d/', 'stop N', array_values(array_filter($log, fn($l) => preg_match('/^(stop|close)/', $l))));
    sort($child);
    echo implode("\n", $child), "\n";
}
?>
--EXPECT--
== SIGINT: exit 0
bool(true)
array(0) {
}
bool(false)
Surge[server.php] start in DEBUG mode
Surge[server.php] received signal SIGINT
Surge[server.php] stopping
Surge[server.php] has been stopped
master stopped
close 1
stop N 0
stop N 1
== SIGTERM: exit 0
bool(true)
array(0) {
}
bool(false)
Surge[server.php] start in DEBUG mode
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
master stopped
close 1
stop N 0
stop N 1
== SIGHUP: exit 0
bool(true)
array(0) {
}
bool(false)
Surge[server.php] start in DEBUG mode
Surge[server.php] received signal SIGHUP
Surge[server.php] stopping
Surge[server.php] has been stopped
master stopped
close 1
stop N 0
stop N 1
== SIGTSTP: exit 0
bool(true)
array(0) {
}
bool(false)
Surge[server.php] start in DEBUG mode
Surge[server.php] received signal SIGTSTP
Surge[server.php] stopping
Surge[server.php] has been stopped
master stopped
close 1
stop N 0
stop N 1
