--TEST--
Worker: tcp:// has no protocol: onMessage gets each chunk as read, bytes unchanged, and send() adds nothing
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('tcp://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function ($w) { Worker::log("transport {$w->transport} protocol " . var_export($w->protocol, true)); };
$w->onMessage = function ($c, $data) {
    Worker::log("chunk " . bin2hex($data));
    $c->send("[" . $data . "]");
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "abc");
var_dump(read_bytes($c, 5));
fwrite($c, "line\n");
var_dump(read_bytes($c, 7));
$binary = "\x00\x01\r\n\xff";
fwrite($c, $binary);
var_dump(read_bytes($c, 7) === "[$binary]");
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(5) "[abc]"
string(7) "[line
]"
bool(true)
Surge[server.php] start in DEBUG mode
transport tcp protocol NULL
chunk 616263
chunk 6c696e650a
chunk 00010d0aff
int(0)
