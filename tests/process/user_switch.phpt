--TEST--
Process: with $worker->user set (as root), worker processes run as that user while the master stays root; the workers can still write the log
--SKIPIF--
<?php
if (posix_geteuid() !== 0) die('skip needs root');
if (posix_getpwnam('nobody') === false) die('skip no user nobody');
?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->user = 'nobody';
// The server runs with php -n (no posix extension): read the uid from /proc.
function euid(): int { preg_match('/^Uid:\s+\d+\s+(\d+)/m', file_get_contents('/proc/self/status'), $m); return (int)$m[1]; }
$w->onWorkerStart = fn() => Worker::log('worker uid ' . euid());
$w->onMessage = fn($c, $m) => $c->send((string)euid());
Worker::runAll();
PHP);
chmod($server->dir, 0755);
$child = $server->waitForChildren(1)[0];
$server->waitForLog('worker uid');
$nobody = posix_getpwnam('nobody')['uid'];
$uid = fn($pid) => (int)preg_split('/\s+/', preg_grep('/^Uid:/', file("/proc/$pid/status"))[array_key_first(preg_grep('/^Uid:/', file("/proc/$pid/status")))])[1];
echo "master uid: ", $uid($server->pid), "\n";
echo "worker runs as nobody: ", var_export($uid($child) === $nobody, true), "\n";
$c = $server->connect();
fwrite($c, "uid\n");
echo "answer is nobody's uid: ", var_export(read_line($c) === (string)$nobody, true), "\n";
echo "worker logged: ", var_export(in_array("worker uid $nobody", $server->logMessages(), true), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
master uid: 0
worker runs as nobody: true
answer is nobody's uid: true
worker logged: true
int(0)
