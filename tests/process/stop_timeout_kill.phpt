--TEST--
Process: a child stuck in PHP code is SIGKILLed after Worker::$stopTimeout and the master logs it
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'stuck';
$w->count = 2;
Worker::$stopTimeout = 0.5;
$w->onWorkerStop = function ($w) { Worker::log("worker stop " . getmypid()); };
$w->onMessage = function ($c, $m) {
    Worker::log("looping " . getmypid());
    while (true) {
    }
};
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("exit $status $pid"); };
Worker::runAll();
PHP);
$children = $server->waitForChildren(2);
$c = $server->connect();
fwrite($c, "spin\n");
$log = $server->waitForLog('looping ');
preg_match('/looping (\d+)/', $log, $m);
$stuck = (int)$m[1];
$other = array_values(array_diff($children, [$stuck]))[0];
var_dump($server->stop(SIGTERM));
var_dump($server->groupProcesses(), file_exists("/proc/$stuck"));
$lines = array_map(fn($l) => str_replace([$stuck, $other], ['STUCK', 'OTHER'], $l), $server->logMessages());
$master = array_values(array_filter($lines, fn($l) => !preg_match('/^(exit|worker stop)/', $l)));
$exits = array_values(array_filter($lines, fn($l) => preg_match('/^(exit|worker stop)/', $l)));
sort($exits);
echo implode("\n", $master), "\n--\n", implode("\n", $exits), "\n";
?>
--EXPECT--
int(0)
array(0) {
}
bool(false)
Surge[server.php] start in DEBUG mode
looping STUCK
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
worker[stuck:STUCK] did not stop within 0.5 s of stopTimeout, sending SIGKILL
Surge[server.php] has been stopped
--
exit 0 OTHER
exit 9 STUCK
worker stop OTHER
