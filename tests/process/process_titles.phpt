--TEST--
Process: titles "Surge: master process  start_file=<path>" and "Surge: worker process  <name> <listen>"
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('Text://127.0.0.1:' . TEST_PORT);
$w->name = 'titled';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log('text worker up'); };
$t = new Worker();
$t->onWorkerStart = function ($w) { Worker::log('timer worker up'); };
Worker::runAll();
PHP);
$server->waitForChildren(3);
$server->waitForLog('worker up', 10, 3);
$title = fn($pid) => rtrim(file_get_contents("/proc/$pid/cmdline"), "\0");
echo str_replace($server->dir, 'DIR', $title($server->pid)), "\n";
$titles = array_map($title, $server->children());
sort($titles);
echo str_replace((string)$server->port, 'PORT', implode("\n", $titles)), "\n";
var_dump($server->stop());
?>
--EXPECT--
Surge: master process  start_file=DIR/server.php
Surge: worker process  none none
Surge: worker process  titled text://127.0.0.1:PORT
Surge: worker process  titled text://127.0.0.1:PORT
int(0)
