--TEST--
Timer: add() outside a worker process throws RuntimeException; a negative, NAN or INF interval throws ValueError; a non-callable TypeError
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
foreach (['add', 'repeat', 'delay'] as $method) {
    try {
        Timer::$method(1, fn() => null);
    } catch (RuntimeException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$w = new Worker();
$w->onWorkerStart = function () {
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
var_dump($server->stop());
echo $server->output();
?>
--EXPECT--
int(0)
RuntimeException: Surge\Timer::add() can only be used inside a worker process: call it from onWorkerStart, onConnect, onMessage or a timer, after Worker::runAll() started the worker
RuntimeException: Surge\Timer::repeat() can only be used inside a worker process: call it from onWorkerStart, onConnect, onMessage or a timer, after Worker::runAll() started the worker
RuntimeException: Surge\Timer::delay() can only be used inside a worker process: call it from onWorkerStart, onConnect, onMessage or a timer, after Worker::runAll() started the worker
Surge[server.php] start in DEBUG mode
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
ValueError: Surge\Timer::add(): Argument #1 ($timeInterval) must be a finite number of seconds greater than or equal to 0
TypeError: Surge\Timer::add(): Argument #2 ($func) must be a valid callback, function "no_such_function" not found or invalid function name
zero 1
zero fired
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
