--TEST--
Process: `stop` when no server runs says "not run" and exits 1 (also with a stale pid file)
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP, ['stop']);
var_dump($server->wait(10));
echo $server->output();
// A pid file naming a process that cannot exist (above any pid_max): a stale file.
file_put_contents($server->dir . '/server.pid', 4194304 + 1000);
[$code, $out] = $server->command(['stop']);
var_dump($code);
echo $out;
?>
--EXPECT--
int(1)
Surge[server.php] stop
Surge[server.php] not run
int(1)
Surge[server.php] stop
Surge[server.php] not run
