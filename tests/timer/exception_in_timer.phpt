--TEST--
Errors: an exception in a Timer callback is logged, the timer keeps firing and the process keeps running
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'ticker';
$w->onWorkerStart = function () {
    $n = 0;
    Timer::add(0.01, function () use (&$n) {
        $n++;
        Worker::log("tick $n");
        if ($n === 2) {
            throw new UnexpectedValueException("tick $n failed");
        }
    });
};
$w->onMessage = function ($c, $m) { $c->send(getmypid() . " $m"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$server->waitForLog('tick 4');
$c = $server->connect();
fwrite($c, "alive\n");
var_dump(read_line($c) === "$child alive");
var_dump($server->children() === [$child]);
$messages = array_slice($server->logMessages(), 0, 9);
echo implode("\n", $messages), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
tick 1
tick 2
Worker[ticker] Timer callback threw UnexpectedValueException: tick 2 failed in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}()
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
tick 3
int(0)
