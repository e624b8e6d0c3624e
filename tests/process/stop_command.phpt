--TEST--
Process: `stop` from another process stops the master and every child; no pid file and no process is left
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'stoppable';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("start {$w->id}"); };
$w->onWorkerStop = function ($w) { Worker::log("stop {$w->id}"); };
$w->onConnect = function ($c) { $c->send("hi"); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::$onMasterStop = function () { Worker::log('master stop ' . getmypid()); };
Worker::runAll();
PHP);
$children = $server->waitForChildren(2);
// Both children's own lines (the master's "start in DEBUG mode" also contains "start ").
$server->waitForLog('start 0');
$server->waitForLog('start 1');
$c = $server->connect();
var_dump(read_line($c));
[$code, $out] = $server->command(['stop']);
var_dump($code);
echo $out;
var_dump($server->wait());
var_dump(wait_closed($c));
var_dump(file_exists($server->dir . '/server.pid'), $server->children(), $server->groupProcesses(), $server->listening());
foreach ($children as $pid) {
    var_dump(file_exists("/proc/$pid"));
}
// Lines by process: the master's in order, then the stop command's, then the children's.
$byPid = [];
foreach (explode("\n", trim($server->log())) as $line) {
    preg_match('/^\S+ \S+ pid:(\d+) (.*)$/', $line, $m);
    $who = (int)$m[1] === $server->pid ? 'master' : (in_array((int)$m[1], $children) ? 'child' . array_search((int)$m[1], $children) : 'command');
    $byPid[$who][] = str_replace((string)$server->pid, 'MASTER', $m[2]);
}
// The child that accepted the connection is "busy", the other one "idle".
foreach ($byPid as $who => $lines) {
    if (str_starts_with($who, 'child')) {
        unset($byPid[$who]);
        $byPid[in_array('close 1', $lines) ? 'busy child' : 'idle child'] = preg_replace('/^(start|stop) \d$/', '$1 N', $lines);
    }
}
ksort($byPid);
foreach ($byPid as $who => $lines) {
    echo "$who:\n  ", implode("\n  ", $lines), "\n";
}
?>
--EXPECTF--
string(2) "hi"
int(0)
Surge[server.php] stop
Surge[server.php] is stopping ...
Surge[server.php] stop success
int(0)
bool(true)
bool(false)
array(0) {
}
array(0) {
}
bool(false)
bool(false)
bool(false)
busy child:
  start N
  stop N
  close 1
command:
  Surge[server.php] stop
  Surge[server.php] is stopping ...
  Surge[server.php] stop success
idle child:
  start N
  stop N
master:
  Surge[server.php] start in DEBUG mode
  Surge[server.php] received signal SIGINT
  Surge[server.php] stopping
  Surge[server.php] has been stopped
  master stop MASTER
