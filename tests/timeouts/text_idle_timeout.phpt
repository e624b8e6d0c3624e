--TEST--
Worker::$idleTimeout on text:// (off by default): a connection from which nothing arrived for the timeout is closed without an answer while one that keeps sending is served and kept; a frame:// worker with a heartbeat sends its pingData as a frame to a silent peer and closes it after pingNotResponseLimit intervals
--FILE--
<?php
require_once __DIR__ . '/timeouts.inc';
$framePort = TestServer::freePort();
$server = TestServer::start("const FRAME_PORT = $framePort;\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->idleTimeout = 1;
$w->onMessage = fn($c, $m) => $c->send("echo $m");
$f = new Worker('frame://127.0.0.1:' . FRAME_PORT);
$f->pingInterval = 0.4;
$f->pingNotResponseLimit = 1;
$f->pingData = 'ping';
$f->onMessage = fn($c, $m) => $c->send($m);
Worker::runAll();
PHP);

$idle = $server->connect();
fwrite($idle, "first\n");
echo 'idle: ', read_line($idle), "\n";
$chatty = $server->connect();
// The chatty client sends a line whenever it got the last echo back, 0.2 s later, until the
// idle one is closed.
$lines = 0;
wait_for(function () use ($idle, $chatty, &$lines) {
    fwrite($chatty, "line $lines\n");
    if (read_line($chatty) !== "echo line $lines") {
        throw new RuntimeException('the chatty client was not answered');
    }
    $lines++;
    $r = [$idle];
    $w = $e = null;
    return @stream_select($r, $w, $e, 0, 200000) > 0;
}, 'the idle connection to be closed');
echo 'then idle: ', http_until_eof($idle), "\n";
echo 'the chatty client was answered meanwhile: ', $lines > 1 ? 'yes' : 'no', "\n";
fwrite($chatty, "last\n");
echo 'and afterwards: ', read_line($chatty), "\n";

echo "== frame:// with a heartbeat\n";
$port = $server->port;
$server->port = $framePort;
$silent = $server->connect();
$server->port = $port;
$bytes = http_until_eof($silent);
echo bin2hex(substr($bytes, 0, -5)), ' ', substr($bytes, -5), "\n";
var_dump($server->stop());
?>
--EXPECT--
idle: echo first
then idle: <EOF>
the chatty client was answered meanwhile: yes
and afterwards: echo last
== frame:// with a heartbeat
0000000870696e67 <EOF>
int(0)
