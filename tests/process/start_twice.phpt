--TEST--
Process: a second start of a running server says "already running", exits 1 and leaves the first one serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('child started ' . getmypid()); };
$w->onMessage = function ($c, $m) { $c->send(getmypid() . " $m"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$pidFile = file_get_contents($server->dir . '/server.pid');
var_dump($pidFile === (string)$server->pid);
[$code, $out] = $server->command(['start']);
var_dump($code);
echo $out;
[$code, $out] = $server->command(['start', '-d']);
var_dump($code);
echo $out;
var_dump(file_get_contents($server->dir . '/server.pid') === $pidFile, $server->isRunning(), $server->children() === [$child]);
$c = $server->connect();
fwrite($c, "still here\n");
var_dump(read_line($c) === "$child still here");
var_dump(substr_count($server->log(), 'child started'));
var_dump($server->stop());
?>
--EXPECT--
bool(true)
int(1)
Surge[server.php] already running
int(1)
Surge[server.php] already running
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
int(0)
