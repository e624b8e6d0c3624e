--TEST--
Errors: a port already in use throws "Address already in use" before forking; no worker starts and no port stays open
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$port = TestServer::freePort();
$other = TestServer::freePort();
$blocker = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
// The first worker binds fine, the second fails: the first one's socket must be closed too.
$server = TestServer::spawn(<<<PHP
\$a = new Worker('text://127.0.0.1:$other');
\$a->onWorkerStart = function () { Worker::log('child started'); };
\$b = new Worker('text://127.0.0.1:' . TEST_PORT);
\$b->onWorkerStart = function () { Worker::log('child started'); };
Worker::runAll();
PHP, ['start'], ['port' => $port]);
var_dump($server->wait(10));
echo $server->output();
var_dump(file_exists($server->dir . '/server.pid'), $server->groupProcesses());
// Both ports are free again apart from our own blocker.
fclose($blocker);
foreach ([$port, $other] as $p) {
    $s = @stream_socket_server("tcp://127.0.0.1:$p", $errno, $errstr);
    var_dump($s !== false);
}
?>
--EXPECTF--
int(255)
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:%d: cannot listen on 127.0.0.1:%d (another process listens there: stop it or choose another port): Address already in use in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
array(0) {
}
bool(true)
bool(true)
