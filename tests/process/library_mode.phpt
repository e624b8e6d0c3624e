--TEST--
Process: Worker::$command = 'start' runs without command-line words (library mode); the banner ends with "Start success."
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
Worker::$command = 'start';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) { $c->send("lib $m"); };
Worker::runAll();
PHP, []);
$c = $server->connect();
fwrite($c, "x\n");
var_dump(read_line($c));
var_dump($server->stop());
echo $server->output();
?>
--EXPECTF--
string(5) "lib x"
int(0)
Surge[server.php] start in DEBUG mode
%s SURGE %s
%s
%s WORKERS %s
proto %s
tcp %s
%s
Start success.
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
