--TEST--
Connection: end($data) sends, half-closes (the client reads the data then EOF), discards what the client still sends, and closes when the client does
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
TcpConnection::$defaultLingerTimeout = 10;
$w->onMessage = function ($c, $m) {
    Worker::log("message $m");
    if ($m === 'end') {
        $c->end("goodbye");
        Worker::log("status " . $c->getStatus(false) . ' ' . var_export($c->send('more'), true));
    }
};
$w->onClose = function ($c) { Worker::log("close {$c->id} " . $c->getStatus(false)); };
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "hello\nend\n");
var_dump(read_line($c));
var_dump(fread($c, 100), feof($c));
// The write half of the client is still open: the server reads and drops it.
var_dump(fwrite($c, "ignored\n"));
// Once the server's kernel has acknowledged the 8 bytes (none left in our send queue) and
// none is left in its receive queue, the server has read them; it still did not close.
$client = local_port($c);
wait_for(fn() => (tcp_queues($client, $server->port)['tx'] ?? -1) === 0 && (tcp_queues($server->port, $client)['rx'] ?? -1) === 0,
    'the server to read what the client sent after end()');
var_dump(str_contains($server->log(), 'close'));
stream_socket_shutdown($c, STREAM_SHUT_WR);
$server->waitForLog('close 1');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(7) "goodbye"
string(0) ""
bool(true)
int(8)
bool(false)
message hello
message end
status ENDING false
close 1 CLOSED
int(0)
