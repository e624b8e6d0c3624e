--TEST--
Connection: a text line longer than maxPackageSize closes that connection and logs one line; other connections are unaffected
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
TcpConnection::$defaultMaxPackageSize = 100;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'limited';
$w->onConnect = function ($c) {
    Worker::log("connect {$c->id} max {$c->maxPackageSize}");
    if ($c->id === 4) {
        $c->maxPackageSize = 1000;
    }
};
$w->onMessage = function ($c, $m) { $c->send(strlen($m) . " from " . getmypid()); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
[$child] = $server->waitForChildren(1);
$ok = $server->connect();
fwrite($ok, str_repeat('a', 50) . "\n");
var_dump(read_line($ok) === "50 from $child");
// A complete line that is too long.
$long = $server->connect();
fwrite($long, str_repeat('b', 150) . "\n");
var_dump(wait_closed($long));
// No newline in sight after maxPackageSize bytes, sent in small pieces.
$endless = $server->connect();
for ($i = 0; $i < 20; $i++) {
    @fwrite($endless, str_repeat('c', 10));
}
var_dump(wait_closed($endless));
// A connection whose own limit is larger.
$big = $server->connect();
fwrite($big, str_repeat('d', 500) . "\n");
var_dump(read_line($big) === "500 from $child");
fwrite($ok, "still\n");
var_dump(read_line($ok) === "5 from $child");
var_dump($server->children() === [$child]);
$port = fn($s) => substr(stream_socket_get_name($s, false), strrpos(stream_socket_get_name($s, false), ':') + 1);
echo str_replace([$port($long), $port($endless)], ['LONG', 'ENDLESS'], implode("\n", array_slice($server->logMessages(), 1))), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
connect 1 max 100
connect 2 max 100
Worker[limited] connection 2 from 127.0.0.1:LONG: line longer than maxPackageSize; closing it
close 2
connect 3 max 100
Worker[limited] connection 3 from 127.0.0.1:ENDLESS: line longer than maxPackageSize; closing it
close 3
connect 4 max 100
int(0)
