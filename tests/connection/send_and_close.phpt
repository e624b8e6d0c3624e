--TEST--
Connection: send() returns true when written and false once closed; close($data) sends then closes, with onClose inside close()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) { Worker::log("connect {$c->id} send " . var_export($c->send("welcome {$c->id}"), true)); };
$w->onMessage = function ($c, $m) {
    if ($m === 'close') {
        Worker::log("before close");
        $c->close("bye {$c->id}");
        Worker::log("after close " . var_export($c->send('late'), true) . ' ' . $c->getStatus(false));
        $c->close('again'); // no effect on a closed connection
        return;
    }
    if ($m === 'later') {
        // A reference kept after the peer left: send() fails quietly.
        Timer::add(0.2, function () use ($c) { Worker::log("timer send " . var_export($c->send('x'), true)); }, [], false);
    }
    Worker::log("message {$c->id} send " . var_export($c->send("echo $m"), true));
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$a = $server->connect();
var_dump(read_line($a));
fwrite($a, "one\n");
var_dump(read_line($a));
fwrite($a, "close\n");
var_dump(read_line($a), wait_closed($a));
$b = $server->connect();
var_dump(read_line($b));
fwrite($b, "later\n");
var_dump(read_line($b));
fclose($b);
$server->waitForLog('timer send');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(9) "welcome 1"
string(8) "echo one"
string(5) "bye 1"
bool(true)
string(9) "welcome 2"
string(10) "echo later"
connect 1 send true
message 1 send true
before close
close 1
after close false CLOSED
connect 2 send true
message 2 send true
close 2
timer send false
int(0)
