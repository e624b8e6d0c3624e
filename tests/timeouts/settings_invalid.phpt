--TEST--
Timeout settings: a negative timeout or response limit throws from runAll() before anything forks, saying what to set; 0 turns a timeout off
--FILE--
<?php
require_once __DIR__ . '/../helper.inc';
foreach (['$w->headerTimeout = -1;', '$w->keepAliveTimeout = -0.5;', '$w->pingNotResponseLimit = -2;'] as $setting) {
    $server = TestServer::spawn('$w = new Worker("http://127.0.0.1:" . TEST_PORT);' . "\n$setting\nWorker::runAll();\n");
    $code = $server->wait(10);
    echo "== $setting exit $code\n", strtok($server->output(), "\n"), "\n";
    var_dump($server->groupProcesses());
}
echo "== every timeout 0 (off): the server starts and serves\n";
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->headerTimeout = $w->bodyTimeout = $w->keepAliveTimeout = 0;
$w->onMessage = fn($c, $r) => $c->send('ok');
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
echo substr(stream_get_contents($c), -2), "\n";
var_dump($server->stop());
?>
--EXPECTF--
== $w->headerTimeout = -1; exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker::$headerTimeout must be a number of seconds >= 0 (0 turns the timeout off), got -1 in %s/server.php:%d
array(0) {
}
== $w->keepAliveTimeout = -0.5; exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker::$keepAliveTimeout must be a number of seconds >= 0 (0 turns the timeout off), got -0.5 in %s/server.php:%d
array(0) {
}
== $w->pingNotResponseLimit = -2; exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker::$pingNotResponseLimit must be >= 0 (0: never close for missing answers), got -2 in %s/server.php:%d
array(0) {
}
== every timeout 0 (off): the server starts and serves
ok
int(0)
