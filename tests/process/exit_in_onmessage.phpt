--TEST--
Errors: exit(3) in onMessage ends that child with code 3, the master logs it and starts a new child
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'quitter';
$w->onWorkerStart = function ($w) { Worker::log("started " . getmypid()); };
$w->onMessage = function ($c, $m) {
    if ($m === 'exit') {
        exit(3);
    }
    $c->send(getmypid() . " $m");
};
Worker::$onWorkerExit = function ($w, $status, $pid) { Worker::log("onWorkerExit {$w->name} $status $pid"); };
Worker::runAll();
PHP);
[$first] = $server->waitForChildren(1);
$server->waitForLog("started $first");
$c = $server->connect();
fwrite($c, "exit\n");
var_dump(wait_closed($c));
$server->waitForLog('started ', 10, 2);
[$second] = $server->waitForChildren(1);
var_dump($second !== $first);
$d = $server->connect();
fwrite($d, "hello\n");
var_dump(read_line($d) === "$second hello");
$log = implode("\n", $server->logMessages());
echo str_replace([$first, $second], ['FIRST', 'SECOND'], $log), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
started FIRST
worker[quitter:FIRST] exit code 3 (exit() or Worker::stopAll() with this code)
onWorkerExit quitter 768 FIRST
started SECOND
int(0)
