--TEST--
Process: a daemon started with `start -d` answers `status` (DAEMON mode), `connections` and `reload`, then `stop`
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'd';
$w->count = 2;
$w->onMessage = fn($c, $m) => $c->send($m);
Worker::runAll();
PHP, ['start', '-d', '-q'], ['wait' => false]);
echo "start -d exit ", $server->wait(10), "\n";
$deadline = microtime(true) + 10;
while (!$server->listening() && microtime(true) < $deadline) usleep(20000);
$c = $server->connect();
fwrite($c, "x\n");
read_line($c);
$deadline = microtime(true) + 10;
do {
    [$code, $text] = $server->command(['status']);
} while (substr_count($text, '[idle]') < 2 && microtime(true) < $deadline && !usleep(100000));
echo "status exit $code, ", preg_match('/^Start worker in DAEMON mode\.$/m', $text) ? 'DAEMON mode' : 'mode?', ", ", substr_count($text, '[idle]'), " processes\n";
[$code, $text] = $server->command(['connections']);
echo "connections exit $code, ", substr_count($text, 'ESTABLISHED'), " connection\n";
fclose($c);
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$server->waitForLog('reload done');
[$code, $text] = $server->command(['stop']);
echo "stop exit $code, ", trim(substr($text, strrpos(trim($text), "\n"))), "\n";
echo "status file removed: ", var_export(!file_exists($server->dir . '/surge.server.php.status'), true), "\n";
?>
--EXPECT--
start -d exit 0
status exit 0, DAEMON mode, 2 processes
connections exit 0, 1 connection
reload exit 0
stop exit 0, Surge[server.php] stop success
status file removed: true
