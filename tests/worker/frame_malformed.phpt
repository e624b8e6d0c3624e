--TEST--
Worker: frame:// closes a connection whose frame is shorter than its header or longer than maxPackageSize, logging one line
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
TcpConnection::$defaultMaxPackageSize = 1000;
$w = new Worker('frame://127.0.0.1:' . TEST_PORT);
$w->name = 'frames';
$w->onMessage = function ($c, $payload) { $c->send("ok $payload"); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$ok = $server->connect();
fwrite($ok, frame("a"));
var_dump(read_bytes($ok, 8) === frame("ok a"));
$short = $server->connect();
fwrite($short, pack('N', 3) . "xyz");
var_dump(wait_closed($short));
$long = $server->connect();
// Announces 1001 bytes: rejected from the header alone.
fwrite($long, pack('N', 1001) . "abc");
var_dump(wait_closed($long));
$exact = $server->connect();
fwrite($exact, frame(str_repeat('e', 996)));
var_dump(read_bytes($exact, 4 + 3 + 996) === frame('ok ' . str_repeat('e', 996)));
fwrite($ok, frame("b"));
var_dump(read_bytes($ok, 8) === frame("ok b"));
$port = fn($s) => substr(stream_socket_get_name($s, false), strrpos(stream_socket_get_name($s, false), ':') + 1);
echo str_replace([$port($short), $port($long)], ['SHORT', 'LONG'], implode("\n", array_slice($server->logMessages(), 1))), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
Worker[frames] connection 2 from 127.0.0.1:SHORT: frame length smaller than its 4-byte header; closing it
close 2
Worker[frames] connection 3 from 127.0.0.1:LONG: frame longer than maxPackageSize; closing it
close 3
int(0)
