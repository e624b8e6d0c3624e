--TEST--
Connection: close() in onMessage stops delivery of the rest of a pipelined batch; close() in onConnect rejects; send() in onClose fails; onClose runs once
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    if ($c->id === 2) {
        $c->close("rejected");
        Worker::log("rejected {$c->id} " . $c->getStatus(false));
    }
};
$w->onMessage = function ($c, $m) {
    Worker::log("message {$c->id} $m");
    if ($m === 'close') {
        $c->close('closing');
        $c->close();
        $c->destroy();
        return;
    }
    $c->send("echo $m");
};
$w->onClose = function ($c) {
    Worker::log("close {$c->id} send " . var_export($c->send('too late'), true));
    $c->close();
    $c->destroy();
};
Worker::runAll();
PHP);
$a = $server->connect();
fwrite($a, "one\nclose\nnever\n");
var_dump(read_line($a), read_line($a), wait_closed($a));
$b = $server->connect();
var_dump(read_line($b), wait_closed($b));
$c = $server->connect();
fwrite($c, "fine\n");
var_dump(read_line($c));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(8) "echo one"
string(7) "closing"
bool(true)
string(8) "rejected"
bool(true)
string(9) "echo fine"
message 1 one
message 1 close
close 1 send false
close 2 send false
rejected 2 CLOSED
message 3 fine
int(0)
