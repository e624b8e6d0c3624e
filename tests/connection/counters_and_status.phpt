--TEST--
Connection: bytesRead/bytesWritten count wire bytes; getStatus() is ESTABLISHED (2) while open and CLOSED (16) in onClose
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    Worker::log("connect read {$c->bytesRead} written {$c->bytesWritten} status " . $c->getStatus() . ' ' . $c->getStatus(false));
};
$w->onMessage = function ($c, $m) {
    Worker::log("message " . json_encode($m) . " read {$c->bytesRead} written {$c->bytesWritten}");
    $c->send("ok:$m");
    Worker::log("sent written {$c->bytesWritten} status " . $c->getStatus() . ' ' . $c->getStatus(false));
};
$w->onClose = function ($c) {
    Worker::log("close read {$c->bytesRead} written {$c->bytesWritten} status " . $c->getStatus() . ' ' . $c->getStatus(false));
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "ab\r\n");
var_dump(read_line($c));
fwrite($c, "cdef\n");
var_dump(read_line($c));
fwrite($c, "partial");
fclose($c);
$server->waitForLog('close ');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(5) "ok:ab"
string(7) "ok:cdef"
connect read 0 written 0 status 2 ESTABLISHED
message "ab" read 4 written 0
sent written 6 status 2 ESTABLISHED
message "cdef" read 9 written 6
sent written 14 status 2 ESTABLISHED
close read 16 written 14 status 16 CLOSED
int(0)
