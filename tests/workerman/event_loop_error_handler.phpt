--TEST--
Event loop setErrorHandler(): an exception thrown in a delay() callback (and in a Timer::add() one) goes to the handler, not to the log, and the worker process goes on serving; without a handler it is logged
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    Worker::log('worker pid ' . getmypid());
};
$w->onMessage = function (TcpConnection $c, string $m) {
    $loop = Worker::getEventLoop();
    switch ($m) {
        case 'handler':
            $loop->setErrorHandler(function (Throwable $e) {
                Worker::log('handler got ' . get_class($e) . ': ' . $e->getMessage());
            });
            $loop->delay(0.001, function () { throw new RuntimeException('thrown in delay()'); });
            Timer::add(0.05, function () { throw new LogicException('thrown in Timer::add()'); }, [], false);
            break;
        case 'no-handler':
            // Nothing set yet in this test: the default is to log it.
            $loop->delay(0.001, function () { throw new DomainException('unhandled in delay()'); });
            break;
    }
    $c->send("$m done by " . getmypid());
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
preg_match('/worker pid (\d+)/', $server->waitForLog('worker pid'), $m);
$pid = $m[1];
$c = $server->connect();
fwrite($c, "no-handler\n");
var_dump(read_line($c) === "no-handler done by $pid");
$server->waitForLog('unhandled in delay()');
fwrite($c, "handler\n");
var_dump(read_line($c) === "handler done by $pid");
$server->waitForLog('handler got', 10, 2);
fwrite($c, "ping\n");
var_dump(read_line($c) === "ping done by $pid");
var_dump($server->stop());
$log = array_values(array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge[') && !str_starts_with($l, 'worker pid')));
// The handled exceptions appear only in the handler's lines.
var_dump(count(preg_grep('/thrown in/', $log)));
echo implode("\n", $log), "\n";
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
int(0)
int(2)
Worker[none] Timer callback threw DomainException: unhandled in delay() in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}()
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
handler got RuntimeException: thrown in delay()
handler got LogicException: thrown in Timer::add()
