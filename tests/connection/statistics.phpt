--TEST--
Connection: ConnectionInterface::$statistics counts connections, requests, exceptions and send failures per process
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Connection\ConnectionInterface;
Worker::log('master ' . json_encode(ConnectionInterface::$statistics));
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('child ' . json_encode(ConnectionInterface::$statistics)); };
$w->onMessage = function ($c, $m) {
    if ($m === 'boom') {
        throw new Exception('boom');
    }
    $c->send(json_encode(ConnectionInterface::$statistics));
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$a = $server->connect();
fwrite($a, "one\n");
echo read_line($a), "\n";
$b = $server->connect();
fwrite($b, "two\n");
echo read_line($b), "\n";
fwrite($b, "boom\n");
wait_closed($b);
$server->waitForLog('close 2');
fwrite($a, "three\n");
echo read_line($a), "\n";
$messages = $server->logMessages();
echo $messages[0], "\n", $messages[2], "\n";
var_dump($server->stop());
?>
--EXPECT--
{"connection_count":1,"total_request":1,"throw_exception":0,"send_fail":0}
{"connection_count":2,"total_request":2,"throw_exception":0,"send_fail":0}
{"connection_count":1,"total_request":4,"throw_exception":1,"send_fail":0}
master {"connection_count":0,"total_request":0,"throw_exception":0,"send_fail":0}
child {"connection_count":0,"total_request":0,"throw_exception":0,"send_fail":0}
int(0)
