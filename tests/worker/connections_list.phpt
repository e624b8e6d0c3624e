--TEST--
Worker: $worker->connections and TcpConnection::$connections hold the live connections by id and drop closed ones
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    $mine = $c->worker->connections;
    $all = TcpConnection::$connections;
    $same = true;
    foreach ($mine as $id => $conn) {
        $same = $same && $conn instanceof TcpConnection && $conn->id === $id && ($all[$id] ?? null) === $conn;
    }
    $c->send(implode(',', array_keys($mine)) . ' ' . implode(',', array_keys($all)) . ' ' . var_export($same, true) . ' ' . var_export($mine[$c->id] === $c, true));
    if ($m === 'broadcast') {
        foreach ($c->worker->connections as $other) {
            $other->send("to {$other->id}");
        }
    }
};
$w->onClose = function ($c) {
    Worker::log("close {$c->id} still listed " . var_export(isset($c->worker->connections[$c->id]), true));
};
Worker::runAll();
PHP);
$a = $server->connect();
fwrite($a, "x\n");
var_dump(read_line($a));
$b = $server->connect();
fwrite($b, "x\n");
var_dump(read_line($b));
$c = $server->connect();
fwrite($c, "x\n");
var_dump(read_line($c));
fclose($b);
$server->waitForLog('close 2');
fwrite($a, "broadcast\n");
var_dump(read_line($a), read_line($a), read_line($c));
echo $server->logMessages()[1], "\n";
var_dump($server->stop());
?>
--EXPECT--
string(13) "1 1 true true"
string(17) "1,2 1,2 true true"
string(21) "1,2,3 1,2,3 true true"
string(17) "1,3 1,3 true true"
string(4) "to 1"
string(4) "to 3"
close 2 still listed true
int(0)
