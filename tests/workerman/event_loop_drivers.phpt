--TEST--
Event loop drivers: Worker::$eventLoopClass = Workerman\Events\Select::class makes Worker::$globalEvent a Surge\Events\Select (get_class shows the Surge name), a worker's own $eventLoop overrides it, and an unknown class makes `start` fail with a message naming the allowed drivers
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
Worker::$eventLoopClass = Workerman\Events\Select::class;
$select = new Worker('text://127.0.0.1:' . TEST_PORT);
$select->name = 'select';
$ev = new Worker('text://127.0.0.1:' . TEST_PORT2);
$ev->name = 'ev';
$ev->eventLoop = '\Workerman\Events\Ev';
foreach ([$select, $ev] as $w) {
    $w->onMessage = function (TcpConnection $c, string $m) {
        $loop = Worker::getEventLoop();
        $c->send("{$c->worker->name} " . get_class($loop) . ' ' . get_class(Worker::$globalEvent)
            . ' ' . var_export($loop instanceof Workerman\Events\EventInterface, true));
    };
}
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$c = $server->connect();
fwrite($c, "which\n");
var_dump(read_line($c));
$c2 = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
fwrite($c2, "which\n");
var_dump(read_line($c2));
var_dump($server->stop());

echo "-- unknown driver\n";
$bad = TestServer::start(<<<'PHP'
Worker::$eventLoopClass = 'App\NoSuchLoop';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('a worker started'); };
Worker::runAll();
PHP, ['start', '-q'], ['wait' => false]);
var_dump($bad->wait(), $bad->listening(), $bad->children());
echo $bad->output(), $bad->log();
?>
--EXPECTF--
string(51) "select Surge\Events\Select Surge\Events\Select true"
string(39) "ev Surge\Events\Ev Surge\Events\Ev true"
int(0)
-- unknown driver
int(255)
bool(false)
array(0) {
}
%AFatal error: Uncaught RuntimeException: Surge\Worker::$eventLoopClass is 'App\NoSuchLoop': Surge runs every worker on its own event loop, so it must name one of Select, Event, Ev, Fiber, Swoole or Swow (in Surge\Events\ or Workerman\Events\) or a subclass of Surge\Events\EventLoop in %s
Stack trace:
#0 %s: Surge\Worker::runAll()
#1 {main}
  thrown in %s
