--TEST--
Errors: a fatal error in a master hook (onWorkerExit, onMasterReload) or exit() there: the master logs why, stops every worker, removes its pid and status files and exits 255 (exit() keeps its own code); no process is left behind
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['onWorkerExit', 'onMasterReload', 'exit'] as $case) {
    $hook = $case === 'onMasterReload' ? 'onMasterReload' : 'onWorkerExit';
    $body = $case === 'exit' ? 'exit(7);' : 'trigger_error("hook died", E_USER_ERROR);';
    $server = TestServer::start(<<<PHP
\$w = new Worker('text://127.0.0.1:' . TEST_PORT);
\$w->count = 2;
Worker::\$statusFile = TEST_DIR . '/server.status';
\$w->onWorkerStart = function (\$w) { Worker::log("started " . getmypid()); };
\$w->onMessage = function (\$c, \$m) { \$c->send(\$m); };
Worker::\$$hook = function () { $body };
Worker::\$onMasterStop = function () { Worker::log('onMasterStop ran'); };
Worker::runAll();
PHP);
    $children = $server->waitForChildren(2);
    $server->waitForLog('started ', 10, 2);
    var_dump(file_exists($server->dir . '/server.pid'), file_exists($server->dir . '/server.status'));
    if ($hook === 'onWorkerExit') {
        posix_kill($children[0], SIGKILL);  // the master runs onWorkerExit for it
    } else {
        posix_kill($server->pid, SIGUSR1);  // reload: the master runs onMasterReload
    }
    $code = $server->wait(15);
    echo "$case: exit code $code\n";
    $log = $server->log();
    $expected = $case === 'exit' ? "master: Worker::\$$hook called exit(); stopping the workers and exiting"
        : "master: Worker::\$$hook ended with a fatal error: hook died in " . $server->dir . '/server.php:';
    var_dump(str_contains($log, $expected));
    var_dump(str_contains($log, 'has been stopped'), str_contains($log, 'onMasterStop ran'));
    var_dump(file_exists($server->dir . '/server.pid'), file_exists($server->dir . '/server.status'));
    var_dump($server->groupProcesses());
}
?>
--EXPECT--
bool(true)
bool(true)
onWorkerExit: exit code 255
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
array(0) {
}
bool(true)
bool(true)
onMasterReload: exit code 255
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
array(0) {
}
bool(true)
bool(true)
exit: exit code 7
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
array(0) {
}
