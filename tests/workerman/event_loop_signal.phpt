--TEST--
Event loop signals: in a worker process onSignal(SIGWINCH) calls its callback with the signal number each time the process gets it (sent with kill(1), no posix extension needed), a second onSignal() replaces the callback, offSignal() stops it, and the process keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
const SIGNO = 28; // SIGWINCH: ignored by default, not one Surge uses itself
$server = TestServer::start('const SIGNO = ' . SIGNO . ";\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    Worker::getEventLoop()->onSignal(SIGNO, function ($signal) { Worker::log('first callback got ' . var_export($signal, true)); });
    Worker::log('worker pid ' . getmypid());
};
$w->onMessage = function (TcpConnection $c, string $m) {
    $loop = Worker::getEventLoop();
    switch ($m) {
        case 'replace':
            $loop->onSignal(SIGNO, function ($signal) { Worker::log("second callback got $signal"); });
            $c->send('replaced');
            return;
        case 'off':
            $c->send('offSignal ' . var_export($loop->offSignal(SIGNO), true) . ' again ' . var_export($loop->offSignal(SIGNO), true));
            return;
    }
    $c->send("$m from " . getmypid());
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
preg_match('/worker pid (\d+)/', $server->waitForLog('worker pid'), $m);
$pid = (int)$m[1];
var_dump($server->children() === [$pid]);

function send_signal(int $pid): void
{
    exec('kill -s ' . SIGNO . " $pid", $out, $code);
    var_dump($code);
}
send_signal($pid);
$server->waitForLog('first callback got');
send_signal($pid);
$server->waitForLog('first callback got', 10, 2);

$c = $server->connect();
fwrite($c, "replace\n");
var_dump(read_line($c));
send_signal($pid);
$server->waitForLog('second callback got');

fwrite($c, "off\n");
var_dump(read_line($c));
send_signal($pid);
// The signal is pending in the worker before it reads the next message: had a callback
// still been registered, it would have run (and logged) before this answer.
fwrite($c, "ping\n");
var_dump(read_line($c) === "ping from $pid");
var_dump($server->children() === [$pid]);
var_dump($server->stop());
echo implode("\n", array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge[') && !str_starts_with($l, 'worker pid'))), "\n";
?>
--EXPECT--
bool(true)
int(0)
int(0)
string(8) "replaced"
int(0)
string(26) "offSignal true again false"
int(0)
bool(true)
bool(true)
int(0)
first callback got 28
first callback got 28
second callback got 28
