--TEST--
Process: `reload -g` runs onMasterReload once, onWorkerReload in every worker; a reloadable worker gets a new process, one with reloadable = false keeps its process
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$web = new Worker('text://127.0.0.1:' . TEST_PORT);
$web->name = 'web';
$web->onMessage = fn($c, $m) => $c->send('web ' . getmypid());
$web->onWorkerReload = fn($w) => Worker::log("onWorkerReload {$w->name} " . getmypid());
$keep = new Worker();
$keep->name = 'keeper';
$keep->reloadable = false;
$keep->onWorkerStart = fn($w) => Worker::log("keeper started " . getmypid());
$keep->onWorkerReload = fn($w) => Worker::log("onWorkerReload {$w->name} " . getmypid());
Worker::$onMasterReload = fn() => Worker::log('onMasterReload');
Worker::runAll();
PHP);
$before = $server->waitForChildren(2);
$server->waitForLog('keeper started');
$c = $server->connect();
fwrite($c, "who\n");
[, $webBefore] = explode(' ', read_line($c));
[$code] = $server->command(['reload', '-g']);
echo "reload -g exit $code\n";
// The old web process finishes its connection gracefully: it is still serving it.
fwrite($c, "again\n");
echo "old connection answered by the old process: ", var_export(read_line($c) === "web $webBefore", true), "\n";
fclose($c);
$server->waitForLog('reload done');
$deadline = microtime(true) + 10;
while (in_array((int)$webBefore, $server->children(), true) && microtime(true) < $deadline) usleep(20000);
$after = $server->children();
$c = $server->connect();
fwrite($c, "who\n");
[, $webAfter] = explode(' ', read_line($c));
echo "web has a new process: ", var_export($webAfter !== $webBefore && in_array((int)$webAfter, $after, true), true), "\n";
$keeperPid = (int)array_values(array_diff($before, [(int)$webBefore]))[0];
echo "keeper kept its process: ", var_export(in_array($keeperPid, $after, true), true), "\n";
$messages = $server->logMessages();
echo "onMasterReload: ", count(array_keys($messages, 'onMasterReload')), "\n";
echo "keeper onWorkerReload: ", count(array_keys($messages, "onWorkerReload keeper $keeperPid")), "\n";
echo "web onWorkerReload in the old process: ", count(array_keys($messages, "onWorkerReload web $webBefore")), "\n";
echo "keeper started once: ", count(preg_grep('/^keeper started/', $messages)), "\n";
echo implode("\n", preg_grep('/reloading|reload done/', $messages)), "\n";
var_dump($server->stop());
?>
--EXPECT--
reload -g exit 0
old connection answered by the old process: true
web has a new process: true
keeper kept its process: true
onMasterReload: 1
keeper onWorkerReload: 1
web onWorkerReload in the old process: 1
keeper started once: 1
Surge[server.php] gracefully reloading
reload done: every reloadable worker process was replaced
int(0)
