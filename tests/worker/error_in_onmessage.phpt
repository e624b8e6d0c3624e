--TEST--
Errors: an Error (undefined function, TypeError) in onMessage is handled like an exception: logged, that connection closed, the process keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'errors';
$w->onMessage = function ($c, $m) {
    if ($m === 'undefined') {
        no_such_function_anywhere();
    }
    if ($m === 'type') {
        strlen([]);
    }
    $c->send(getmypid() . " $m");
};
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
foreach (['undefined', 'type'] as $what) {
    $c = $server->connect();
    fwrite($c, "$what\n");
    var_dump(wait_closed($c));
}
$c = $server->connect();
fwrite($c, "fine\n");
var_dump(read_line($c) === "$child fine", $server->children() === [$child]);
echo implode("\n", array_filter($server->logMessages(), fn($l) => str_starts_with($l, 'Worker['))), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
Worker[errors] onMessage of connection 1 threw Error: Call to undefined function no_such_function_anywhere() in %s/server.php:%d
Worker[errors] onMessage of connection 2 threw TypeError: strlen(): Argument #1 ($string) must be of type string, array given in %s/server.php:%d
int(0)
