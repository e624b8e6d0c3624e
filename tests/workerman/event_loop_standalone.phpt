--TEST--
Event loop outside a worker: a plain script (surge.workerman=1, no runAll()) gets a loop object from Worker::getEventLoop() whose run() runs timers (delay, repeat, Timer::add) and stream watchers on a plain stream_socket_server() until stop() is called, then returns
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$loop = Worker::getEventLoop();
Worker::log('loop ' . get_class($loop) . ', EventInterface ' . var_export($loop instanceof Workerman\Events\EventInterface, true)
    . ', Worker::$globalEvent ' . var_export(Worker::$globalEvent, true));
$loop->delay(0.01, function ($word) { Worker::log("delay fired with $word"); }, ['arg']);
$n = 0;
$repeat = $loop->repeat(0.02, function () use (&$n, &$repeat, $loop) {
    Worker::log('repeat ' . ++$n);
    if ($n === 3) {
        $loop->offRepeat($repeat);
        Timer::add(0.01, function () { Worker::log('Timer::add fired, listening'); }, [], false);
    }
});
$listener = stream_socket_server('tcp://127.0.0.1:' . TEST_PORT);
stream_set_blocking($listener, false);
$loop->onReadable($listener, function ($listener) use ($loop) {
    $conn = stream_socket_accept($listener, 0);
    Worker::log('accepted, offReadable(listener) ' . var_export($loop->offReadable($listener), true));
    $loop->onReadable($conn, function ($conn) use ($loop) {
        $line = fgets($conn);
        Worker::log('read ' . json_encode($line));
        fwrite($conn, "got $line");
        if ($line === "quit\n") {
            $loop->offReadable($conn);
            fclose($conn);
            $loop->stop();
        }
    });
});
Worker::log('run');
$loop->run();
Worker::log('run returned, timers ' . $loop->getTimerCount());
PHP, [], ['workerman' => true, 'wait' => false]);
$server->waitForLog('Timer::add fired');
var_dump($server->listening());
$c = $server->connect();
fwrite($c, "hello\n");
var_dump(read_line($c));
fwrite($c, "quit\n");
var_dump(read_line($c));
var_dump(wait_closed($c));
var_dump($server->wait());
echo implode("\n", $server->logMessages()), "\n";
?>
--EXPECT--
bool(true)
string(9) "got hello"
string(8) "got quit"
bool(true)
int(0)
loop Surge\Events\Event, EventInterface true, Worker::$globalEvent NULL
run
delay fired with arg
repeat 1
repeat 2
repeat 3
Timer::add fired, listening
accepted, offReadable(listener) true
read "hello\n"
read "quit\n"
run returned, timers 0
