--TEST--
Fibers: with Worker::$eventLoopClass = Workerman\Events\Fiber every callback runs in a Fiber of its own: two connections whose onMessage sleep with Timer::sleep() are served at the same time (both begin before either ends), a timer callback runs in a fiber too, and an exception thrown by a callback after it was resumed is logged as that callback's (worker, connection id) and closes that connection, as any callback's exception does, while the process serves the others
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
Worker::$eventLoopClass = Workerman\Events\Fiber::class;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    Worker::log('loop ' . get_class(Worker::getEventLoop()) . ', pid ' . getmypid());
    Timer::add(0.01, function () {
        Worker::log('timer callback in a fiber: ' . var_export(Fiber::getCurrent() !== null, true));
        Timer::sleep(0.01);
        Worker::log('timer callback resumed');
    }, [], false);
};
$w->onConnect = function (TcpConnection $c) {
    Worker::log("connect {$c->id} in a fiber: " . var_export(Fiber::getCurrent() !== null, true));
};
$w->onMessage = function (TcpConnection $c, string $m) {
    if ($m === 'boom') {
        Timer::sleep(0.01);
        throw new RuntimeException('thrown after Timer::sleep()');
    }
    if ($m === 'ping') {
        $c->send('pong from ' . getmypid());
        return;
    }
    $fiber = Fiber::getCurrent();
    Worker::log("begin $m, in a fiber: " . var_export($fiber !== null, true));
    Timer::sleep(0.5);
    // Then sleeps on until the test releases it.
    while (!file_exists(TEST_DIR . "/release-$m")) {
        Timer::sleep(0.01);
    }
    Worker::log("end $m, same fiber: " . var_export(Fiber::getCurrent() === $fiber, true));
    $c->send("done $m");
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
preg_match('/pid (\d+)/', $server->waitForLog('timer callback resumed'), $m);
$pid = $m[1];
$a = $server->connect();
$b = $server->connect();
$server->waitForLog('connect 2');
fwrite($a, "a\n");
$server->waitForLog('begin a');
fwrite($b, "b\n");
// With callbacks in fibers, b begins while a sleeps; were a blocking the process, this
// would time out.
$server->waitForLog('begin b');
touch($server->dir . '/release-b');
var_dump(read_line($b));
touch($server->dir . '/release-a');
var_dump(read_line($a));

fwrite($a, "boom\n");
$server->waitForLog('thrown after Timer::sleep()');
fwrite($b, "ping\n");
var_dump(wait_closed($a), read_line($b) === "pong from $pid");
var_dump($server->stop());
echo implode("\n", $server->logMessages()), "\n";
?>
--EXPECTF--
string(6) "done b"
string(6) "done a"
bool(true)
bool(true)
int(0)
Surge[server.php] start in DEBUG mode
loop Surge\Events\Fiber, pid %d
timer callback in a fiber: true
timer callback resumed
connect 1 in a fiber: true
connect 2 in a fiber: true
begin a, in a fiber: true
begin b, in a fiber: true
end b, same fiber: true
end a, same fiber: true
Worker[none] %s threw RuntimeException: thrown after Timer::sleep() in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Connection\TcpConnection), 'boom')
%A
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
