--TEST--
Connection: past maxSendBufferSize onBufferFull fires, send() returns false and onError gets (2, 'send buffer full and drop package'); onBufferDrain fires once the client reads
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Connection\ConnectionInterface;
$w = new Worker('tcp://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    $c->maxSendBufferSize = 4096;
    Worker::log("empty " . var_export($c->bufferIsEmpty(), true) . " queue " . $c->getSendBufferQueueSize());
};
$w->onMessage = function ($c, $m) {
    if ($m === 'after') {
        Worker::log("after " . var_export($c->send('after'), true));
        return;
    }
    $chunk = str_repeat('.', 16384);
    $results = [];
    $sent = 0;
    for ($i = 0; $i < 10000; $i++) {
        $r = $c->send($chunk);
        $results[] = var_export($r, true);
        if ($r === false) break;
        $sent += strlen($chunk);
    }
    Worker::log("results " . preg_replace('/^(true )+/', 'true... ', implode(' ', $results)));
    Worker::log("sent $sent");
    Worker::log("again " . var_export($c->send('x'), true) . " send_fail " . ConnectionInterface::$statistics['send_fail']);
};
$w->onBufferFull = function ($c) {
    Worker::log("full queue>=4096 " . var_export($c->getSendBufferQueueSize() >= 4096, true) . " empty " . var_export($c->bufferIsEmpty(), true));
};
$w->onBufferDrain = function ($c) {
    Worker::log("drain queue " . $c->getSendBufferQueueSize() . " empty " . var_export($c->bufferIsEmpty(), true));
};
$w->onError = function ($c, $code, $msg) { Worker::log("error $code $msg"); };
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "flood");
$log = $server->waitForLog('again ');
preg_match('/sent (\d+)/', $log, $m);
$data = read_bytes($c, (int)$m[1]);
var_dump(strlen($data) === (int)$m[1], trim($data, '.'));
$server->waitForLog('drain');
fwrite($c, "after");
var_dump(read_bytes($c, 5));
$server->waitForLog('after ');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
string(0) ""
string(5) "after"
empty true queue 0
full queue>=4096 true empty false
error 2 send buffer full and drop package
results true... NULL false
sent %d
error 2 send buffer full and drop package
again false send_fail 2
drain queue 0 empty true
after true
int(0)
