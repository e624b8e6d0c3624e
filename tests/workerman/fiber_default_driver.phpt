--TEST--
Fibers: with the default driver onMessage and timer callbacks run outside any Fiber and Timer::sleep() blocks the process (a second connection's message waits for the first to finish); a worker with $eventLoop = 'Workerman\Events\Fiber' in the same server runs its onMessage in a fiber
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$plain = new Worker('text://127.0.0.1:' . TEST_PORT);
$plain->name = 'plain';
$plain->onWorkerStart = function () {
    Timer::add(0.01, function () {
        Worker::log('plain timer callback in a fiber: ' . var_export(Fiber::getCurrent() !== null, true));
    }, [], false);
};
$plain->onMessage = function (TcpConnection $c, string $m) {
    Worker::log("begin $m, in a fiber: " . var_export(Fiber::getCurrent() !== null, true));
    Timer::sleep(0.5);
    Worker::log("end $m");
    $c->send("done $m");
};
$fiber = new Worker('text://127.0.0.1:' . TEST_PORT2);
$fiber->name = 'fiber';
$fiber->eventLoop = 'Workerman\Events\Fiber';
$fiber->onMessage = function (TcpConnection $c, string $m) {
    $c->send(get_class(Worker::getEventLoop()) . ' onMessage in a fiber: ' . var_export(Fiber::getCurrent() !== null, true));
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog('plain timer callback');
$a = $server->connect();
$b = $server->connect();
fwrite($a, "a\n");
$server->waitForLog('begin a');
// Sent while a sleeps: the process is blocked, so b only begins once a has ended.
fwrite($b, "b\n");
var_dump(read_line($a), read_line($b));
$f = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
fwrite($f, "which\n");
var_dump(read_line($f));
var_dump($server->stop());
echo implode("\n", array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge['))), "\n";
?>
--EXPECT--
string(6) "done a"
string(6) "done b"
string(45) "Surge\Events\Fiber onMessage in a fiber: true"
int(0)
plain timer callback in a fiber: false
begin a, in a fiber: false
end a
begin b, in a fiber: false
end b
