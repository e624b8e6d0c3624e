--TEST--
Connection: callbacks are copied at accept; a connection's own onMessage/onClose set in onConnect override the worker's
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    if ($c->id === 2) {
        $c->onMessage = function ($c, $m) { $c->send("special $m"); };
        $c->onClose = function ($c) { Worker::log("special close {$c->id}"); };
    }
};
$w->onMessage = function ($c, $m) {
    if ($m === 'switch') {
        // Only connections accepted from now on see the new callback.
        $c->worker->onMessage = function ($c, $m) { $c->send("new $m"); };
    }
    $c->send("old $m");
};
$w->onClose = function ($c) { Worker::log("worker close {$c->id}"); };
Worker::runAll();
PHP);
$a = $server->connect();
fwrite($a, "hi\n");
var_dump(read_line($a));
$b = $server->connect();
fwrite($b, "hi\n");
var_dump(read_line($b));
fwrite($a, "switch\n");
var_dump(read_line($a));
$c = $server->connect();
fwrite($c, "hi\n");
var_dump(read_line($c));
fwrite($a, "again\n");
var_dump(read_line($a));
fclose($b);
$server->waitForLog('special close 2');
fclose($a);
$server->waitForLog('worker close 1');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(6) "old hi"
string(10) "special hi"
string(10) "old switch"
string(6) "new hi"
string(9) "old again"
special close 2
worker close 1
int(0)
