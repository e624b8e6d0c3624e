--TEST--
Timer: a sub-millisecond interval (0.0005 s) keeps firing, many times, without blocking the connections
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    global $ticks;
    $ticks = 0;
    Timer::add(0.0005, function () {
        global $ticks;
        if (++$ticks === 50) {
            Worker::log("50 ticks");
        }
    });
};
$w->onMessage = function ($c, $m) { global $ticks; $c->send($ticks > 10 ? "more than 10" : "only $ticks"); };
Worker::runAll();
PHP);
$server->waitForLog('50 ticks');
$c = $server->connect();
fwrite($c, "count\n");
var_dump(read_line($c));
var_dump($server->stop());
?>
--EXPECT--
string(12) "more than 10"
int(0)
