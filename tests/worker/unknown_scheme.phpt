--TEST--
Errors: an unknown scheme throws before forking and names the Protocols\ class it looked for
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$w = new Worker('nope://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('child started'); };
Worker::runAll();
PHP);
var_dump($server->wait(10));
echo $server->output();
var_dump(file_exists($server->dir . '/server.pid'), $server->groupProcesses(), $server->listening());
?>
--EXPECTF--
int(255)
Fatal error: Uncaught RuntimeException: unknown protocol scheme 'nope' in 'nope://127.0.0.1:%d': no class Protocols\Nope or Surge\Protocols\Nope exists (built in: tcp, unix, text, frame, %s) in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
array(0) {
}
bool(false)
