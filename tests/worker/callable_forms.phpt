--TEST--
Worker: callbacks may be closures, function names, "Class::method" strings, [$obj, 'method'], [Class, 'static'], invokable objects and first-class callables
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
function on_connect_fn($c) { Worker::log("function onConnect {$c->id}"); }
class Handlers {
    public static function message($c, $m) { $c->send("static $m"); }
    public function close($c) { Worker::log("method onClose {$c->id}"); }
    public static function start($w) { Worker::log("array static onWorkerStart {$w->name}"); }
}
class Invokable {
    public function __invoke($w) { Worker::log("invokable onWorkerStop {$w->name}"); }
}
class Magic {
    public function __call($name, $args) { Worker::log("__call $name"); }
}
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'forms';
$w->onWorkerStart = ['Handlers', 'start'];
$w->onConnect = 'on_connect_fn';
$w->onMessage = 'Handlers::message';
$w->onClose = [new Handlers(), 'close'];
$w->onWorkerStop = new Invokable();
$w->onError = [new Magic(), 'anything'];
$w->onBufferDrain = strlen(...);
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "hi\n");
var_dump(read_line($c));
fclose($c);
$server->waitForLog('method onClose');
var_dump($server->stop());
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
?>
--EXPECT--
string(9) "static hi"
int(0)
array static onWorkerStart forms
function onConnect 1
method onClose 1
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
invokable onWorkerStop forms
Surge[server.php] has been stopped
