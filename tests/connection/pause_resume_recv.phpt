--TEST--
Connection: pauseRecv() stops onMessage; what arrives meanwhile is delivered after resumeRecv(), in order
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    Worker::log("message {$c->id} $m");
    if ($m === 'pause') {
        $c->pauseRecv();
        $c->pauseRecv(); // twice is harmless
    }
    if (str_starts_with($m, 'resume ')) {
        $paused = TcpConnection::$connections[(int)substr($m, 7)];
        Worker::log("buffered " . $paused->getRecvBufferQueueSize());
        $paused->resumeRecv();
        $paused->resumeRecv();
        Worker::log("resumed");
    }
    $c->send("got $m");
};
Worker::runAll();
PHP);
$c = $server->connect();
// "x" arrives in the same packet as "pause" and must wait too.
fwrite($c, "pause\nx\n");
var_dump(read_line($c));
$server->waitForLog('message 1 pause');
fwrite($c, "y\n");
fwrite($c, "z\n");
// Nothing is delivered (nor read) while paused: the 4 bytes wait in the server's socket.
$rx = wait_for(fn() => (tcp_queues($server->port, local_port($c))['rx'] ?? 0) >= 4 ? tcp_queues($server->port, local_port($c))['rx'] : null,
    "y and z to arrive in the server's socket");
echo "unread in the server's socket: $rx\n";
var_dump(count($server->logMessages()));
$control = $server->connect();
fwrite($control, "resume 1\n");
var_dump(read_line($control));
var_dump(read_line($c), read_line($c), read_line($c));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(9) "got pause"
unread in the server's socket: 4
int(2)
string(12) "got resume 1"
string(5) "got x"
string(5) "got y"
string(5) "got z"
message 1 pause
message 2 resume 1
buffered 2
resumed
message 1 x
message 1 y
message 1 z
int(0)
