--TEST--
Worker: pauseAccept() (also in onWorkerStart) holds new connections back until resumeAccept(); unlisten() stops accepting and keeps open connections
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$ctlPort = TestServer::freePort();
$server = TestServer::start("const CTL_PORT = $ctlPort;\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function ($w) {
    $w->pauseAccept();
    $ctl = new Worker('text://127.0.0.1:' . CTL_PORT);
    $ctl->name = 'ctl';
    $ctl->onMessage = function ($c, $m) use ($w) {
        match ($m) { 'pause' => $w->pauseAccept(), 'resume' => $w->resumeAccept(), 'unlisten' => $w->unlisten() };
        $c->send("done $m");
    };
    $ctl->listen();
    Worker::log('ready');
};
$w->onConnect = function ($c) { Worker::log("accepted {$c->id}"); $c->send("welcome"); };
$w->onMessage = function ($c, $m) { $c->send("echo $m"); };
Worker::runAll();
PHP);
$server->waitForLog('ready');
$ctl = stream_socket_client("tcp://127.0.0.1:$ctlPort", $errno, $errstr, 5);
stream_set_timeout($ctl, 5);
$quiet = function ($s) {
    stream_set_timeout($s, 0, 300000);
    $line = fgets($s);
    $timedOut = stream_get_meta_data($s)['timed_out'];
    stream_set_timeout($s, 5);
    return $line === false && $timedOut && !feof($s);
};
// Paused from onWorkerStart: the connection waits in the backlog.
$a = $server->connect();
var_dump($quiet($a));
fwrite($ctl, "resume\n");
var_dump(read_line($ctl), read_line($a));
fwrite($ctl, "pause\n");
var_dump(read_line($ctl));
$b = $server->connect();
var_dump($quiet($b));
fwrite($a, "still served\n");
var_dump(read_line($a));
fwrite($ctl, "resume\n");
var_dump(read_line($ctl), read_line($b));
fwrite($ctl, "unlisten\n");
var_dump(read_line($ctl));
$c = $server->connect();
var_dump($quiet($c));
fwrite($ctl, "resume\n");
var_dump(read_line($ctl), $quiet($c));
fwrite($b, "after unlisten\n");
var_dump(read_line($b));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
string(11) "done resume"
string(7) "welcome"
string(10) "done pause"
bool(true)
string(17) "echo still served"
string(11) "done resume"
string(7) "welcome"
string(13) "done unlisten"
bool(true)
string(11) "done resume"
bool(true)
string(19) "echo after unlisten"
ready
accepted 2
accepted 3
int(0)
