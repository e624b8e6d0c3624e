--TEST--
Fibers: onWorkerStart runs inside a Fiber; with the Fiber driver Timer::sleep() there suspends it while the loop runs timers, and the worker accepts no connection before onWorkerStart has returned: a client connected during the sleep gets its first answer only afterwards
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
Worker::$eventLoopClass = Workerman\Events\Fiber::class;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    Worker::log('start begin, in a fiber: ' . var_export(Fiber::getCurrent() !== null, true));
    Timer::add(0.01, function () { Worker::log('timer fired while onWorkerStart sleeps'); }, [], false);
    Timer::sleep(0.3);
    Worker::log('slept 0.3 s');
    // Stays in onWorkerStart (sleeping, so the loop goes on) until the test says so.
    while (!file_exists(TEST_DIR . '/go')) {
        Timer::sleep(0.01);
    }
    Worker::log('start end');
};
$w->onConnect = function (TcpConnection $c) { Worker::log("connect {$c->id}"); };
$w->onMessage = function (TcpConnection $c, string $m) {
    Worker::log("message $m, in a fiber: " . var_export(Fiber::getCurrent() !== null, true));
    $c->send("answer $m");
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog('slept 0.3 s');
$c = $server->connect();
fwrite($c, "hello\n");
// The connection is established and its bytes wait unread in the server's socket (the
// kernel's accept queue): nothing has accepted it yet.
var_dump(wait_for(fn() => (tcp_queues($server->port, local_port($c))['rx'] ?? 0) ?: null, 'the request in the server socket'));
stream_set_blocking($c, false);
var_dump(fread($c, 100));
stream_set_blocking($c, true);
touch($server->dir . '/go');
var_dump(read_line($c));
var_dump($server->stop());
echo implode("\n", $server->logMessages()), "\n";
?>
--EXPECT--
int(6)
string(0) ""
string(12) "answer hello"
int(0)
Surge[server.php] start in DEBUG mode
start begin, in a fiber: true
timer fired while onWorkerStart sleeps
slept 0.3 s
start end
connect 1
message hello, in a fiber: true
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
