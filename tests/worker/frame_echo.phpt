--TEST--
Worker: frame:// (4-byte big-endian total length, header included): round trip, several frames in one write, a frame split across writes, an empty frame
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('frame://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function ($w) { Worker::log("protocol {$w->protocol}"); };
$w->onMessage = function ($c, $payload) {
    Worker::log("message " . json_encode($payload));
    $c->send(strrev($payload));
};
PHP . RECV_PROGRESS . 'Worker::runAll();');
$c = $server->connect();
fwrite($c, frame("hello"));
var_dump(bin2hex(read_bytes($c, 9)));
// Three frames in one write, one of them empty and one binary.
fwrite($c, frame("one") . frame("") . frame("t\nw\0o"));
var_dump(read_bytes($c, 7) === frame("eno"), read_bytes($c, 4) === frame(""), read_bytes($c, 9) === frame("o\0w\nt"));
// One frame in three writes: inside the header, then inside the payload. Before each next
// write the server has read the previous piece (and holds it, an incomplete frame).
$big = str_repeat("0123456789", 1000);
$f = frame($big);
$sent = 9 + 7 + 4 + 9;
foreach ([substr($f, 0, 2), substr($f, 2, 5000)] as $piece) {
    fwrite($c, $piece);
    $sent += strlen($piece);
    [$read, $buffered] = $server->waitForRead($c, $sent);
    echo "server read $read bytes, holds $buffered\n";
}
fwrite($c, substr($f, 5002));
var_dump(read_bytes($c, strlen($f)) === frame(strrev($big)));
$log = $server->logMessages();
echo implode("\n", array_slice($log, 0, 6)), "\n";
var_dump(count($log), $log[6] === 'message ' . json_encode($big));
var_dump($server->stop());
?>
--EXPECT--
string(18) "000000096f6c6c6568"
bool(true)
bool(true)
bool(true)
server read 31 bytes, holds 2
server read 5031 bytes, holds 5002
bool(true)
Surge[server.php] start in DEBUG mode
protocol \Surge\Protocols\Frame
message "hello"
message "one"
message ""
message "t\nw\u0000o"
int(7)
bool(true)
int(0)
