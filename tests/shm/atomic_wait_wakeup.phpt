--TEST--
Shared memory: Atomic counts exactly across worker processes, and wait() in one process is woken by wakeup() in another
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Atomic;
$event = new Atomic();
$counter = new Atomic(100);
$waiter = new Worker();
$waiter->name = 'waiter';
$waiter->onWorkerStart = function () use ($event, $counter) {
    Worker::log('timeout: ' . var_export($event->wait(0.01), true));
    Worker::log('waiting');
    $woken = $event->wait(30);
    Worker::log('woken: ' . var_export($woken, true) . ' value ' . $event->get() . ' counter ' . $counter->get());
};
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function () use ($counter) {
    for ($i = 0; $i < 50000; $i++) $counter->add(2);
    for ($i = 0; $i < 50000; $i++) $counter->sub();
    Worker::log('counted');
};
$w->onMessage = function ($c, $m) use ($event, $counter) {
    $c->send($m === 'wake' ? var_export($event->wakeup(), true) : (string)$counter->get());
};
Worker::runAll();
PHP);
$server->waitForLog('counted', 10, 2);
$server->waitForLog('waiting');
$c = $server->connect();
fwrite($c, "get\n");
echo read_line($c), "\n";
fwrite($c, "wake\n");
echo read_line($c), "\n";
$server->waitForLog('woken');
foreach ($server->logMessages() as $line) {
    if (preg_match('/(timeout|woken): .*/', $line, $m)) echo $m[0], "\n";
}
var_dump($server->stop());
?>
--EXPECT--
100100
true
timeout: false
woken: true value 0 counter 100100
int(0)
