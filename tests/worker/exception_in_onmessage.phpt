--TEST--
Errors: an exception in onMessage is logged and closes only that connection; the process keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'thrower';
$w->onMessage = function ($c, $m) {
    if ($m === 'boom') {
        throw new LogicException("bad message on {$c->id}");
    }
    $c->send(getmypid() . " $m");
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$a = $server->connect();
fwrite($a, "one\n");
var_dump(read_line($a) === "$child one");
$b = $server->connect();
fwrite($b, "two\n");
var_dump(read_line($b) === "$child two");
fwrite($b, "boom\n");
var_dump(wait_closed($b));
fwrite($a, "three\n");
var_dump(read_line($a) === "$child three");
$c = $server->connect();
fwrite($c, "four\n");
var_dump(read_line($c) === "$child four");
var_dump($server->children() === [$child]);
$server->waitForLog('close 2');
var_dump(preg_match('/^\S+ \S+ pid:(\d+) \[error\] Worker\[thrower\] onMessage of connection 2 threw/m', $server->log(), $m) === 1 && (int)$m[1] === $child);
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
Worker[thrower] onMessage of connection 2 threw LogicException: bad message on 2 in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Connection\TcpConnection), 'boom')
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
close 2
int(0)
