--TEST--
Process: `restart -d` stops the running master and its children, then starts a new daemonized master that serves
--FILE--
<?php
require __DIR__ . '/../helper.inc';
function children_of(int $ppid): array {
    $pids = [];
    foreach (glob('/proc/[0-9]*/stat') as $file) {
        $stat = @file_get_contents($file);
        if ($stat !== false && preg_match('/\) (\S) (\d+)/', $stat, $m) && (int)$m[2] === $ppid && $m[1] !== 'Z') {
            $pids[] = (int)basename(dirname($file));
        }
    }
    return $pids;
}
$dir = null;
register_shutdown_function(function () use (&$dir) {
    // A daemon left its process group, so the helper cannot clean it up: kill whatever
    // still runs our (uniquely named) start file; its workers die with it.
    if ($dir === null) return;
    foreach (glob('/proc/[0-9]*/cmdline') as $file) {
        if (str_contains((string)@file_get_contents($file), "$dir/server.php")) {
            @posix_kill((int)basename(dirname($file)), SIGKILL);
        }
    }
});
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'phoenix';
$w->onWorkerStart = function ($w) { Worker::log("start " . getmypid()); };
$w->onWorkerStop = function ($w) { Worker::log("stop " . getmypid()); };
$w->onMessage = function ($c, $m) { $c->send(file_get_contents(Worker::$pidFile) . " $m"); };
Worker::runAll();
PHP);
$dir = $server->dir;
[$oldChild] = $server->waitForChildren(1);
$c = $server->connect();
fwrite($c, "old\n");
var_dump(read_line($c) === "{$server->pid} old");
[$code, $out] = $server->command(['restart', '-d']);
var_dump($code);
var_dump($server->wait(), wait_closed($c));
$daemon = $server->waitForPidFile($server->pid);
var_dump($daemon !== $server->pid && file_exists("/proc/$daemon"));
$server->waitForPort();
$c = $server->connect();
fwrite($c, "new\n");
var_dump(read_line($c) === "$daemon new");
[$newChild] = children_of($daemon);
var_dump($newChild !== $oldChild);
// The daemon prints its banner after the command returned: read it now that it serves.
echo file_get_contents($server->dir . '/command.out');
fclose($c);
[$code, $out] = $server->command(['stop']);
var_dump($code);
echo $out;
$log = str_replace([$oldChild, $newChild], ['OLD', 'NEW'], implode("\n", $server->logMessages()));
echo $log, "\n";
?>
--EXPECTF--
bool(true)
int(0)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
Surge[server.php] restart
Surge[server.php] is stopping ...
Surge[server.php] stop success
Surge[server.php] start in DAEMON mode
--------------------------------------- SURGE ----------------------------------------
%s
-------------------------------------- WORKERS ---------------------------------------
proto       user        worker      listen                    count       state       
tcp         %s phoenix     text://127.0.0.1:%d    1            [OK]       
--------------------------------------------------------------------------------------
Input "php server.php stop" to stop. Start success.

int(0)
Surge[server.php] stop
Surge[server.php] is stopping ...
Surge[server.php] stop success
Surge[server.php] start in DEBUG mode
start OLD
Surge[server.php] restart
Surge[server.php] is stopping ...
Surge[server.php] received signal SIGINT
Surge[server.php] stopping
stop OLD
Surge[server.php] has been stopped
Surge[server.php] stop success
Surge[server.php] start in DAEMON mode
start NEW
Surge[server.php] stop
Surge[server.php] is stopping ...
Surge[server.php] received signal SIGINT
Surge[server.php] stopping
stop NEW
Surge[server.php] has been stopped
Surge[server.php] stop success
