--TEST--
Process: SIGQUIT stops gracefully: accepting stops at once, open connections keep being served until they close, then everything exits 0
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'graceful';
Worker::$stopTimeout = 0.3; // must not apply to a graceful stop
$w->onMessage = function ($c, $m) { $c->send("echo $m " . (Worker::getGracefulStop() ? 'graceful' : 'normal')); };
$w->onWorkerStop = function ($w) {
    Worker::log("worker stop " . count($w->connections));
    Timer::add(0.6, function () { Worker::log("twice stopTimeout later"); }, [], false);
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$c = $server->connect();
fwrite($c, "before\n");
var_dump(read_line($c));
posix_kill($server->pid, SIGQUIT);
$server->waitForLog('worker stop');
var_dump($server->listening());
var_dump(@stream_socket_client("tcp://127.0.0.1:{$server->port}", $errno, $errstr, 2), $errno === 111 /* ECONNREFUSED */);
// Still served, well after stopTimeout (as the worker's own timer tells).
$server->waitForLog('twice stopTimeout later');
fwrite($c, "during\n");
var_dump(read_line($c));
var_dump($server->isRunning(), $server->children() === [$child]);
fclose($c);
var_dump($server->wait());
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->groupProcesses());
?>
--EXPECT--
string(18) "echo before normal"
bool(false)
bool(false)
bool(true)
string(20) "echo during graceful"
bool(true)
bool(true)
int(0)
Surge[server.php] start in DEBUG mode
Surge[server.php] received signal SIGQUIT
Surge[server.php] is gracefully stopping
worker stop 1
twice stopTimeout later
close 1
Surge[server.php] has been stopped
array(0) {
}
