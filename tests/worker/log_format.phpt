--TEST--
Worker: Worker::log() appends "Y-m-d H:i:s pid:N msg" lines to Worker::$logFile (trimmed, Stringable accepted), echoes them, and keeps the file under logFileMaxSize
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class Note { public function __toString(): string { return "a stringable note"; } }
Worker::log("  from the master before runAll \n");
$w = new Worker();
$w->name = 'timers only';
$w->onWorkerStart = function ($w) {
    Worker::log(new Note());
    Worker::log("worker {$w->name} " . $w->getSocketName());
    $n = 0;
    Timer::add(0.001, function () use (&$n) {
        if (++$n === 3) {
            Worker::log("timer ran $n times");
        }
    });
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
[$child] = $server->waitForChildren(1);
$server->waitForLog('timer ran 3 times');
$raw = $server->log();
$ok = true;
foreach (explode("\n", rtrim($raw, "\n")) as $line) {
    $ok = $ok && preg_match('/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) pid:(\d+) \S/', $line, $m)
        && DateTime::createFromFormat('Y-m-d H:i:s', $m[1]) !== false
        && in_array((int)$m[2], [$server->pid, $child], true);
}
var_dump($ok, str_ends_with($raw, "\n"));
preg_match_all('/pid:(\d+) /', $raw, $m);
var_dump($m[1] == [$server->pid, $server->pid, $child, $child, $child]);
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->stop());
echo substr($server->output(), 0, strpos($server->output(), 'Surge[server.php] start')) , "--\n";
echo substr(strstr(strstr($server->output(), 'Press Ctrl+C'), "\n"), 1);

// The size cap: the file is cut to its newer half, at a line boundary.
$capped = TestServer::start(<<<'PHP'
Worker::$logFileMaxSize = 2000;
$w = new Worker();
$w->onWorkerStart = function () {
    for ($i = 1; $i <= 200; $i++) {
        Worker::log(sprintf("line %03d %s", $i, str_repeat('x', 20)));
    }
    Worker::log('done');
};
Worker::runAll();
PHP, ['start', '-q'], ['wait' => false]);
$capped->waitForLog('done');
$log = $capped->logMessages();
var_dump(strlen($capped->log()) <= 2000 + 100, end($log), prev($log), preg_match('/^line \d{3} x{20}$/', $log[0]) === 1);
var_dump($capped->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
from the master before runAll
Surge[server.php] start in DEBUG mode
a stringable note
worker timers only none
timer ran 3 times
int(0)
from the master before runAll
--
a stringable note
worker timers only none
timer ran 3 times
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
bool(true)
string(4) "done"
string(29) "line 200 xxxxxxxxxxxxxxxxxxxx"
bool(true)
int(0)
