--TEST--
Timer: add() before runAll() adds a timer of the master (as Workerman allows), which worker processes do not inherit; a negative, NAN or INF interval throws ValueError; a non-callable TypeError
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$master = getmypid();
Timer::add(0.05, function () use ($master) {
    Worker::log('master timer fired ' . (getmypid() === $master ? 'in the master' : 'elsewhere'));
}, [], false);
$w = new Worker();
$w->onWorkerStart = function () {
    Worker::log('timers inherited by the worker: ' . Worker::getEventLoop()->getTimerCount());
    foreach ([-1, -0.001, NAN, INF] as $interval) {
        try {
            Timer::add($interval, fn() => null);
            Worker::log("accepted $interval");
        } catch (ValueError $e) {
            Worker::log(get_class($e) . ": " . $e->getMessage());
        }
    }
    try {
        Timer::add(1, 'no_such_function');
    } catch (TypeError $e) {
        Worker::log(get_class($e) . ": " . $e->getMessage());
    }
    Worker::log("zero " . Timer::add(0, function () { Worker::log("zero fired"); }, [], false));
};
Worker::runAll();
PHP, ['start', '-q'], ['wait' => false]);
$server->waitForLog('zero fired');
$server->waitForLog('master timer fired');
var_dump($server->stop());
// The master's line comes at no fixed place among the worker's.
$lines = explode("\n", $server->output());
echo implode("\n", array_filter($lines, fn($l) => !str_contains($l, 'master timer'))), "\n";
echo implode("\n", array_filter($lines, fn($l) => str_contains($l, 'master timer'))), "\n";
?>
--EXPECT--
int(0)
Surge[server.php] start in DEBUG mode
timers inherited by the worker: 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
TypeError: Surge\Timer::add(): Argument #2 ($func) must be a valid callback, function "no_such_function" not found or invalid function name
zero 2
zero fired
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped

master timer fired in the master
