--TEST--
Timers in the master: with the switch, Timer::add() before Worker::runAll() (a repeating and a one-shot timer) fires in the master process (the pid in the pid file), while the worker processes do not inherit them
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$ticks = 0;
Timer::add(0.05, function () use (&$ticks) {
    Worker::log('master repeat ' . ++$ticks . ' in ' . getmypid());
});
Workerman\Lib\Timer::add(0.01, function ($word) { Worker::log("master once $word in " . getmypid()); }, ['arg'], false);
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function (Worker $w) {
    Worker::log("worker {$w->id} in " . getmypid() . ' has timers: ' . Worker::getEventLoop()->getTimerCount());
};
$w->onMessage = function (TcpConnection $c, string $m) {
    $c->send("$m in " . getmypid() . ' timers ' . Worker::getEventLoop()->getTimerCount());
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$master = $server->waitForPidFile();
var_dump($master === $server->pid);
$workers = $server->waitForChildren(2);
$server->waitForLog('master repeat', 10, 3);
$server->waitForLog('master once');
$server->waitForLog('has timers', 10, 2);
$c = $server->connect();
fwrite($c, "ping\n");
$reply = read_line($c);
var_dump(preg_match('/^ping in (\d+) timers 0$/', $reply, $m) === 1 && in_array((int)$m[1], $workers, true));
var_dump($server->stop());
$names = [$master => 'MASTER', $workers[0] => 'WORKER', $workers[1] => 'WORKER'];
$show = fn($l) => preg_replace_callback('/ in (\d+)/', fn($m) => ' in ' . ($names[(int)$m[1]] ?? 'OTHER PROCESS'), $l);
$log = array_map($show, $server->logMessages());
// The master's lines, then the workers' (the two interleave in no fixed way).
echo implode("\n", array_filter($log, fn($l) => preg_match('/^master (once|repeat [123] )/', $l))), "\n";
var_dump(count(preg_grep('/^master repeat \d+ in MASTER$/', $log)) === count(preg_grep('/^master repeat/', $log)));
$started = array_values(preg_grep('/^worker/', $log));
sort($started);
echo implode("\n", $started), "\n";
?>
--EXPECT--
bool(true)
bool(true)
int(0)
master once arg in MASTER
master repeat 1 in MASTER
master repeat 2 in MASTER
master repeat 3 in MASTER
bool(true)
worker 0 in WORKER has timers: 0
worker 1 in WORKER has timers: 0
