--TEST--
Process: `start -d` returns 0 at once, the daemonized master (pid file) serves, output goes to stdoutFile, `stop` ends it
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
/** True once $pid has exited (a zombie waiting for init to reap it counts as gone). */
function gone(int $pid): bool {
    $deadline = microtime(true) + 5;
    do {
        $stat = @file_get_contents("/proc/$pid/stat");
        if ($stat === false || preg_match('/\) Z /', $stat)) return true;
        usleep(10000);
    } while (microtime(true) < $deadline);
    return false;
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
Worker::$stdoutFile = TEST_DIR . '/stdout.txt';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'daemon';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("start {$w->id}"); };
$w->onMessage = function ($c, $m) {
    echo "echoed $m\n";
    $c->send(master_pid() . " $m");
};
function master_pid() { return (int)file_get_contents(Worker::$pidFile); }
Worker::runAll();
PHP, ['start', '-d'], ['wait' => false]);
$dir = $server->dir;
var_dump($server->wait(10));
$daemon = $server->waitForPidFile($server->pid);
var_dump($daemon > 0 && $daemon !== $server->pid, file_exists("/proc/$daemon"));
$server->waitForPort();
$server->waitForLog('start ', 10, 3);
$kids = children_of($daemon);
var_dump(count($kids));
var_dump(trim(file_get_contents("/proc/$daemon/cmdline"), "\0") === "Surge: master process  start_file={$server->dir}/server.php");
// A daemon has left the session it was started in and has no terminal.
preg_match('/\) \S+ \d+ (\d+) (\d+) (-?\d+)/', file_get_contents("/proc/$daemon/stat"), $m);
var_dump((int)$m[2] !== $server->pid, (int)$m[3]);
$c = $server->connect();
fwrite($c, "ping\n");
var_dump(read_line($c) === "$daemon ping");
fclose($c);
echo $server->output();
[$code, $out] = $server->command(['stop']);
var_dump($code);
echo $out;
var_dump(gone($daemon), array_filter($kids, fn($p) => !gone($p)), file_exists($server->dir . '/server.pid'), $server->listening());
echo file_get_contents($server->dir . '/stdout.txt');
echo implode("\n", array_filter($server->logMessages(), fn($l) => str_starts_with($l, 'Surge['))), "\n";
?>
--EXPECTF--
int(0)
bool(true)
bool(true)
int(2)
bool(true)
bool(true)
int(0)
bool(true)
Surge[server.php] start in DAEMON mode
--------------------------------------- SURGE ----------------------------------------
%s
-------------------------------------- WORKERS ---------------------------------------
proto       user        worker      listen                    count       state       
tcp         %s daemon      text://127.0.0.1:%d    2            [OK]       
--------------------------------------------------------------------------------------
Input "php server.php stop" to stop. Start success.

int(0)
Surge[server.php] stop
Surge[server.php] is stopping ...
Surge[server.php] stop success
bool(true)
array(0) {
}
bool(false)
bool(false)
echoed ping
Surge[server.php] start in DAEMON mode
Surge[server.php] stop
Surge[server.php] is stopping ...
Surge[server.php] received signal SIGINT
Surge[server.php] stopping
Surge[server.php] has been stopped
Surge[server.php] stop success
