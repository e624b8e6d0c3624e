--TEST--
Event loop object: in a worker process Worker::getEventLoop() is Worker::$globalEvent, a Surge\Events\Event (the default driver) implementing Workerman\Events\EventInterface; delay()/repeat() return timer ids shared with Timer (Timer::del, offDelay, offRepeat remove either kind), getTimerCount() counts them, deleteAllTimer() removes them all, run() refuses to run the worker's loop a second time
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    $loop = Worker::getEventLoop();
    Worker::log('same object as Worker::$globalEvent: ' . var_export($loop === Worker::$globalEvent, true)
        . ', twice the same: ' . var_export($loop === Worker::getEventLoop(), true));
    Worker::log('class ' . get_class($loop) . ', Workerman\Events\EventInterface: '
        . var_export($loop instanceof Workerman\Events\EventInterface, true)
        . ', Workerman\Events\Event: ' . var_export($loop instanceof Workerman\Events\Event, true));
    Worker::log('timers at start: ' . $loop->getTimerCount());

    $delay = $loop->delay(30, fn() => Worker::log('never'));
    $repeat = $loop->repeat(30, fn() => Worker::log('never'));
    $timer = Timer::add(30, fn() => Worker::log('never'));
    Worker::log('ids are distinct ints: ' . var_export(count(array_unique([$delay, $repeat, $timer])) === 3
        && is_int($delay) && is_int($repeat) && is_int($timer), true) . ', count ' . $loop->getTimerCount());
    Worker::log('Timer::del(delay id) ' . var_export(Timer::del($delay), true)
        . ', offRepeat(Timer::add id) ' . var_export($loop->offRepeat($timer), true)
        . ', offDelay(deleted id) ' . var_export($loop->offDelay($delay), true)
        . ', count ' . $loop->getTimerCount());
    $loop->deleteAllTimer();
    Worker::log('after deleteAllTimer: count ' . $loop->getTimerCount() . ', Timer::del(repeat id) '
        . var_export(Timer::del($repeat), true));

    $loop->delay(0.01, function (string $a, string $b) { Worker::log("delay fired with $a $b"); }, ['x', 'y']);
    $n = 0;
    $id = null;
    $id = $loop->repeat(0.01, function (string $tag) use (&$n, &$id, $loop) {
        Worker::log("repeat $tag " . ++$n);
        if ($n === 3) {
            Worker::log('offRepeat inside: ' . var_export($loop->offRepeat($id), true) . ', count ' . $loop->getTimerCount());
            try {
                $loop->run();
            } catch (Throwable $e) {
                Worker::log(get_class($e) . ': ' . $e->getMessage());
            }
        }
    }, ['r']);
};
$w->onMessage = function (TcpConnection $c, string $m) {
    $c->send("$m " . get_class(Worker::getEventLoop()) . ' ' . Worker::getEventLoop()->getTimerCount());
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog('offRepeat inside');
$server->waitForLog('delay fired');
$c = $server->connect();
fwrite($c, "ping\n");
var_dump(read_line($c));
var_dump($server->stop());
echo implode("\n", $server->logMessages()), "\n";
?>
--EXPECT--
string(25) "ping Surge\Events\Event 0"
int(0)
Surge[server.php] start in DEBUG mode
same object as Worker::$globalEvent: true, twice the same: true
class Surge\Events\Event, Workerman\Events\EventInterface: true, Workerman\Events\Event: true
timers at start: 0
ids are distinct ints: true, count 3
Timer::del(delay id) true, offRepeat(Timer::add id) true, offDelay(deleted id) false, count 1
after deleteAllTimer: count 0, Timer::del(repeat id) false
delay fired with x y
repeat r 1
repeat r 2
repeat r 3
offRepeat inside: true, count 0
RuntimeException: Surge\Events\EventLoop::run(): this is a worker process, whose loop already runs; add timers and watchers from callbacks instead
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
