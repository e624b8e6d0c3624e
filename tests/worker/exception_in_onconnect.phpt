--TEST--
Errors: an exception in onConnect is logged and closes only that connection; the process keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'gate';
$w->onConnect = function ($c) {
    if ($c->id === 2) {
        throw new RuntimeException("refusing {$c->id}");
    }
    $c->send("welcome {$c->id}");
};
$w->onMessage = function ($c, $m) { $c->send(getmypid() . " $m " . count($c->worker->connections)); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$a = $server->connect();
var_dump(read_line($a));
$b = $server->connect();
var_dump(wait_closed($b));
$server->waitForLog('close 2');
$c = $server->connect();
var_dump(read_line($c));
fwrite($a, "a\n");
var_dump(read_line($a) === "$child a 2");
fwrite($c, "c\n");
var_dump(read_line($c) === "$child c 2");
var_dump($server->children() === [$child]);
echo implode("\n", $server->logMessages()), "\n";
var_dump(preg_match('/^\S+ \S+ pid:(\d+) \[error\] Worker\[gate\] onConnect of connection 2 threw/m', $server->log(), $m) === 1 && (int)$m[1] === $child);
var_dump($server->stop());
?>
--EXPECTF--
string(9) "welcome 1"
bool(true)
string(9) "welcome 3"
bool(true)
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
Worker[gate] onConnect of connection 2 threw RuntimeException: refusing 2 in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Connection\TcpConnection))
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
close 2
bool(true)
int(0)
