--TEST--
Errors: Worker::runAll() without any Worker throws a RuntimeException that says what to do
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
try {
    Worker::runAll();
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(Worker::isRunning(), Worker::getStatus());
$w = new Worker();
$w->onWorkerStart = function () { Worker::log('timer-only worker started'); Worker::stopAll(); };
echo "after\n";
PHP);
var_dump($server->wait(10));
echo $server->output();
var_dump(file_exists($server->dir . '/server.pid'));
?>
--EXPECT--
int(0)
RuntimeException: Surge\Worker::runAll(): no worker to run; create one first, e.g. new Surge\Worker('text://0.0.0.0:5678')
bool(false)
int(0)
after
bool(false)
