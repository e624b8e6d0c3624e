--TEST--
Connection: destroy() closes at once, dropping what is still queued but not what send() reported written (also in a pipelined batch); onClose runs inside destroy()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$textPort = TestServer::freePort();
$server = TestServer::start("const TEXT_PORT = $textPort;\n" . <<<'PHP'
$t = new Worker('text://127.0.0.1:' . TEXT_PORT);
$t->onMessage = function ($c, $m) {
    $sent = $c->send(strtoupper($m));
    if ($m === 'kill') {
        Worker::log("pipelined send " . var_export($sent, true) . ", destroy");
        $c->destroy();
    }
};
$w = new Worker('tcp://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    // 16 MiB: far more than the socket buffers take while the client does not read.
    $result = $c->send(str_repeat('x', 16 << 20));
    Worker::log("send " . var_export($result, true) . " queued " . ($c->getSendBufferQueueSize() > 0 ? 'yes' : 'no'));
    Worker::log("before destroy");
    $c->destroy();
    Worker::log("after destroy " . $c->getStatus(false) . " " . $c->getSendBufferQueueSize());
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "go");
$server->waitForLog('after destroy');
$got = 0;
while (!feof($c)) {
    $chunk = @fread($c, 1 << 20);
    if ($chunk === false || $chunk === '') {
        if (feof($c) || stream_get_meta_data($c)['timed_out']) break;
        continue;
    }
    $got += strlen($chunk);
}
var_dump($got > 0 && $got < (16 << 20), feof($c));
// Answers reported written before destroy() arrive, even when gathered for one write.
$p = stream_socket_client("tcp://127.0.0.1:$textPort", $errno, $errstr, 5);
stream_set_timeout($p, 5);
fwrite($p, "a\nkill\nnever\n");
var_dump(read_line($p), read_line($p), wait_closed($p));
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
string(1) "A"
string(4) "KILL"
bool(true)
send NULL queued yes
before destroy
close 1
after destroy CLOSED 0
pipelined send true, destroy
int(0)
