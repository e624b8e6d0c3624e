--TEST--
Process: a daemon writes its output to Worker::$stdoutFile and reopens it on reload, so a rotated file is replaced by a fresh one
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
Worker::$stdoutFile = TEST_DIR . '/stdout.log';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { echo "worker ", getmypid(), " started\n"; };
Worker::runAll();
PHP, ['start', '-d'], ['wait' => false]);
echo "start -d exit ", $server->wait(10), "\n";
$file = $server->dir . '/stdout.log';
$deadline = microtime(true) + 10;
while (!str_contains((string)@file_get_contents($file), 'started') && microtime(true) < $deadline) usleep(20000);
echo "first file has the worker's output: ", var_export(str_contains(file_get_contents($file), 'started'), true), "\n";
rename($file, "$file.1");  // what logrotate does
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$deadline = microtime(true) + 10;
while (!str_contains((string)@file_get_contents($file), 'started') && microtime(true) < $deadline) usleep(20000);
echo "a fresh file has the new worker's output: ", var_export(str_contains((string)@file_get_contents($file), 'started'), true), "\n";
echo "the rotated file keeps only the old output: ", substr_count(file_get_contents("$file.1"), 'started'), " line\n";
[$code] = $server->command(['stop']);
echo "stop exit $code\n";
?>
--EXPECT--
start -d exit 0
first file has the worker's output: true
reload exit 0
a fresh file has the new worker's output: true
the rotated file keeps only the old output: 1 line
stop exit 0
