--TEST--
Worker: a Worker created in onWorkerStart and listen()ed serves on a second port in that process; listen() outside a worker process throws
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$probe = TestServer::spawn(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
try {
    $w->listen();
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
PHP);
var_dump($probe->wait(10));
echo $probe->output();

$second = TestServer::freePort();
$server = TestServer::start("const SECOND_PORT = $second;\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'outer';
$w->onWorkerStart = function ($w) {
    $inner = new Worker('text://127.0.0.1:' . SECOND_PORT);
    $inner->name = 'inner';
    $inner->onConnect = function ($c) { $c->send("inner {$c->id} " . getmypid()); };
    $inner->onMessage = function ($c, $m) { $c->send("inner got $m from {$c->worker->name}"); };
    $inner->listen();
    $inner->listen(); // a second call is harmless
    Worker::log('workers ' . implode(',', array_map(fn($x) => $x->name, Worker::getAllWorkers())));
};
$w->onMessage = function ($c, $m) { $c->send("outer got $m from {$c->worker->name} " . getmypid()); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$server->waitForLog('workers ');
$a = $server->connect();
fwrite($a, "x\n");
var_dump(read_line($a) === "outer got x from outer $child");
$b = stream_socket_client("tcp://127.0.0.1:$second", $errno, $errstr, 5);
stream_set_timeout($b, 5);
var_dump(read_line($b) === "inner 2 $child");
fwrite($b, "y\n");
var_dump(read_line($b));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
var_dump(@stream_socket_client("tcp://127.0.0.1:$second", $errno, $errstr, 1));
?>
--EXPECT--
int(0)
Surge\Worker::listen() can only be used inside a worker process: call it from onWorkerStart, onConnect, onMessage or a timer, after Worker::runAll() started the worker
bool(true)
bool(true)
string(22) "inner got y from inner"
workers outer,inner
int(0)
bool(false)
