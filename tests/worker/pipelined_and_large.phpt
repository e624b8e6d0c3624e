--TEST--
Worker: many pipelined messages in one write are answered in order; multi-megabyte lines and frames round-trip intact through partial writes
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$framePort = TestServer::freePort();
$server = TestServer::start("const FRAME_PORT = $framePort;\n" . <<<'PHP'
$t = new Worker('text://127.0.0.1:' . TEST_PORT);
$t->onMessage = function ($c, $m) {
    if (strlen($m) > 100) {
        Worker::log("text big " . strlen($m) . " send " . var_export($c->send(strrev($m)), true));
        return;
    }
    $c->send("re:$m");
};
$f = new Worker('frame://127.0.0.1:' . FRAME_PORT);
// Room for the whole 5 MiB answer and what follows it (past maxSendBufferSize, sends are dropped).
$f->onConnect = function ($c) { $c->maxSendBufferSize = 16 << 20; };
$f->onMessage = function ($c, $m) { $c->send(md5($m)); $c->send($m); };
Worker::runAll();
PHP);
$c = $server->connect();
$batch = '';
for ($i = 0; $i < 2000; $i++) {
    $batch .= "m$i\n";
}
fwrite($c, $batch);
$expected = '';
for ($i = 0; $i < 2000; $i++) {
    $expected .= "re:m$i\n";
}
var_dump(read_bytes($c, strlen($expected)) === $expected);
// 3 MiB line: the answer does not fit the socket buffers and goes out in pieces.
// Built with implode(): 196,608 appends to one growing string copy it each time when PHP's
// allocator is off (the suite under ASan), which takes minutes.
$big = implode('', array_map(fn($i) => sprintf("%015d|", $i), range(0, 3 * 1024 * 64 - 1)));
fwrite($c, $big . "\n");
$back = read_bytes($c, strlen($big) + 1);
var_dump(strlen($back), $back === strrev($big) . "\n");
fwrite($c, "after\n");
var_dump(read_line($c));
$server->waitForLog('text big');
echo preg_replace('/send (true|NULL)/', 'send true-or-null', $server->logMessages()[1]), "\n";

$d = stream_socket_client("tcp://127.0.0.1:$framePort", $errno, $errstr, 5);
stream_set_timeout($d, 10);
$payload = random_bytes(5 << 20);
fwrite($d, frame($payload) . frame('small'));
$out = read_bytes($d, 36 + 4 + strlen($payload) + 36 + 9);
var_dump($out === frame(md5($payload)) . frame($payload) . frame(md5('small')) . frame('small'));
var_dump($server->stop());
?>
--EXPECT--
bool(true)
int(3145729)
bool(true)
string(8) "re:after"
text big 3145728 send true-or-null
bool(true)
int(0)
