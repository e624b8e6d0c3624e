--TEST--
Process: no command prints the usage text and exits 64; reload and status with nothing running say "not run" (exit 1)
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$code = <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('child started'); };
Worker::runAll();
echo "not reached\n";
PHP;
foreach ([[], ['-d'], ['bogus'], ['reload'], ['status']] as $args) {
    $server = TestServer::spawn($code, $args);
    echo '== ', implode(' ', $args), ': exit ', $server->wait(10), "\n";
    echo $server->output();
    var_dump(file_exists($server->dir . '/server.pid'), $server->listening());
}
?>
--EXPECT--
== : exit 64
Usage: php yourfile <command> [mode]
Commands: 
start		Start worker in DEBUG mode.
		Use mode -d to start in DAEMON mode.
		Use --watch[=dir,...] to reload when a .php file changes.
stop		Stop worker.
		Use mode -g to stop gracefully.
restart		Restart workers.
		Use mode -d to start in DAEMON mode.
		Use mode -g to stop gracefully.
reload		Reload codes.
		Use mode -g to reload gracefully.
status		Get worker status.
		Use mode -d to show live status, --json for JSON.
connections	Get worker connections.
bool(false)
bool(false)
== -d: exit 64
Usage: php yourfile <command> [mode]
Commands: 
start		Start worker in DEBUG mode.
		Use mode -d to start in DAEMON mode.
		Use --watch[=dir,...] to reload when a .php file changes.
stop		Stop worker.
		Use mode -g to stop gracefully.
restart		Restart workers.
		Use mode -d to start in DAEMON mode.
		Use mode -g to stop gracefully.
reload		Reload codes.
		Use mode -g to reload gracefully.
status		Get worker status.
		Use mode -d to show live status, --json for JSON.
connections	Get worker connections.
bool(false)
bool(false)
== bogus: exit 64
Usage: php yourfile <command> [mode]
Commands: 
start		Start worker in DEBUG mode.
		Use mode -d to start in DAEMON mode.
		Use --watch[=dir,...] to reload when a .php file changes.
stop		Stop worker.
		Use mode -g to stop gracefully.
restart		Restart workers.
		Use mode -d to start in DAEMON mode.
		Use mode -g to stop gracefully.
reload		Reload codes.
		Use mode -g to reload gracefully.
status		Get worker status.
		Use mode -d to show live status, --json for JSON.
connections	Get worker connections.
bool(false)
bool(false)
== reload: exit 1
Surge[server.php] reload
Surge[server.php] not run
bool(false)
bool(false)
== status: exit 1
Surge[server.php] status
Surge[server.php] not run
bool(false)
bool(false)
