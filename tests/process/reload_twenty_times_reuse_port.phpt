--TEST--
Process: reusePort = true, 20 reloads in a row under load lose no request: the master keeps each slot's socket, so what the kernel queued on a retiring process's socket is accepted by it or by its successor, never dropped
--SKIPIF--
<?php require __DIR__ . '/reload_load.inc'; if ($why = ReloadLoad::available()) die("skip $why"); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
require __DIR__ . '/reload_load.inc';
$httpPort = TestServer::freePort();
$server = TestServer::start(str_replace('HTTP_PORT', (string)$httpPort, <<<'PHP'
$text = new Worker('text://127.0.0.1:' . TEST_PORT);
$text->name = 'text';
$text->count = 2;
$text->reusePort = true;
$text->onMessage = function ($c, $line) { $c->send($line); };
$http = new Worker('http://127.0.0.1:HTTP_PORT');
$http->name = 'http';
$http->count = 2;
$http->reusePort = true;
$http->onMessage = function ($c, $request) { $c->send($request->path()); };
Worker::runAll();
PHP));
$first = $server->waitForChildren(4);
// Three clients open a connection per request (connect, line, echo, close): a retiring
// process must serve what it accepted even when the line has not arrived yet. Two keep
// their HTTP connection: it may be closed only between requests (then they ask again on a
// new one, which is not a failure).
$loads = [ReloadLoad::start($server, 'text', 3), ReloadLoad::start($server, 'http-keepalive', 2, $httpPort)];
foreach ($loads as $load) $load->waitUntilLoaded();
for ($i = 1; $i <= 20; $i++) {
    posix_kill($server->pid, SIGUSR1);
    $server->waitForLog('reload done', 20, $i);
}
[$text, $http] = array_map(fn($load) => $load->finish(), $loads);
echo "text, new connection per request: ", load_verdict($text, 200), "\n";
echo "http keep-alive: ", load_verdict($http, 200), "\n";
echo "first processes all replaced: ", var_export(!array_intersect($first, $server->children()), true), "\n";
$log = $server->log();
echo "no process died or was killed: ", var_export(!preg_match('/exit code|killed by|did not stop/', $log), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
text, new connection per request: ok
http keep-alive: ok
first processes all replaced: true
no process died or was killed: true
int(0)
