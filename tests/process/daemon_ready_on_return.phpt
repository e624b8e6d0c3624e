--TEST--
Process: `start -d` returns only once the daemon has written its pid file and listens, so `start -d` then `stop` in a script works without waiting
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = fn($c, $m) => $c->send($m);
Worker::runAll();
PHP, ['start', '-d', '-q'], ['wait' => false]);
echo "start -d exit ", $server->wait(10), "\n";
echo "pid file written: ", var_export(is_file($server->dir . '/server.pid'), true), "\n";
echo "listening: ", var_export($server->listening(), true), "\n";
[$code, $text] = $server->command(['stop']);
echo "stop exit $code, ", trim(substr($text, strrpos(trim($text), "\n"))), "\n";
?>
--EXPECT--
start -d exit 0
pid file written: true
listening: true
stop exit 0, Surge[server.php] stop success
