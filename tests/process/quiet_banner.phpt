--TEST--
Process: `start -q` hides the banner but still logs the start; the banner lists every worker
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$code = <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'quiet';
$t = new Worker();
$t->name = 'timers';
$t->onWorkerStart = function ($w) { Worker::log("{$w->name} started"); };
Worker::runAll();
PHP;
$server = TestServer::start($code, ['start', '-q']);
$server->waitForLog('timers started');
var_dump($server->stop());
echo $server->output();
echo "==\n";
$server = TestServer::start($code, ['-q', 'start']);
$server->waitForLog('timers started');
var_dump($server->stop());
echo $server->output();
echo "==\n";
$server = TestServer::start($code);
$server->waitForLog('timers started');
var_dump($server->stop());
echo $server->output();
?>
--EXPECTF--
int(0)
Surge[server.php] start in DEBUG mode
timers started
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
==
int(0)
Surge[server.php] start in DEBUG mode
timers started
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
==
int(0)
Surge[server.php] start in DEBUG mode
--------------------------------------- SURGE ----------------------------------------
Surge/%s PHP/%s Linux/%s
-------------------------------------- WORKERS ---------------------------------------
proto       user        worker      listen                    count       state       
tcp         %s quiet       text://127.0.0.1:%d    1            [OK]       
tcp         %s timers      none                      1            [OK]       
--------------------------------------------------------------------------------------
Press Ctrl+C to stop. Start success.
timers started
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
