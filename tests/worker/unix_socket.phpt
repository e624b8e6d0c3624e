--TEST--
Worker: unix:// listens on a socket file (transport 'unix', not IPv4/IPv6), replaces a stale file and removes it on stop
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
// A socket file nobody listens on any more is replaced.
fclose(stream_socket_server('unix://' . TEST_DIR . '/app.sock'));
Worker::log(filetype(TEST_DIR . '/app.sock'));
$w = new Worker('unix://' . TEST_DIR . '/app.sock');
$w->protocol = 'Surge\Protocols\Text';
$w->onWorkerStart = function ($w) { Worker::log("ready {$w->transport} " . $w->getSocketName()); };
$w->onMessage = function ($c, $m) {
    $c->send(json_encode([$m, $c->transport, $c->isIpV4(), $c->isIpV6(), $c->getRemoteIp(), $c->getRemotePort(), $c->getLocalAddress()], JSON_UNESCAPED_SLASHES));
};
Worker::runAll();
PHP);
$path = $server->dir . '/app.sock';
$server->waitForLog('ready ');
echo str_replace($server->dir, 'DIR', implode("\n", $server->logMessages())), "\n";
$c = stream_socket_client("unix://$path", $errno, $errstr, 5);
fwrite($c, "over unix\n");
echo str_replace($server->dir, 'DIR', read_line($c)), "\n";
var_dump($server->stop(), file_exists($path));
?>
--EXPECT--
socket
Surge[server.php] start in DEBUG mode
ready unix unix://DIR/app.sock
["over unix","unix",false,false,"",0,"DIR/app.sock"]
int(0)
bool(false)
