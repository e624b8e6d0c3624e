--TEST--
HTTP maxPendingRequests: an application that answers later gets at most maxPendingRequests unanswered requests of one connection; the rest of a pipelined batch waits unread until answers leave, then all are answered in order; another client is served meanwhile
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->maxPendingRequests = 2;
$held = [];
// Answers come from a timer, as from an asynchronous client: requests stay unanswered a while.
$w->onWorkerStart = function () use (&$held) {
    Timer::add(0.05, function () use (&$held) {
        $batch = $held;
        $held = [];
        foreach ($batch as [$c, $path]) {
            $c->send("answer $path");
        }
    });
};
$w->onMessage = function ($c, $r) use (&$held) {
    $held[] = [$c, $r->path()];
    $unanswered = 0;
    foreach ($held as [$other]) {
        $unanswered += $other === $c ? 1 : 0;
    }
    Worker::log("dispatched {$r->path()} unanswered on its connection $unanswered");
};
Worker::runAll();
PHP);
$c = $server->connect();
$batch = '';
for ($i = 1; $i <= 6; $i++) {
    $batch .= "GET /$i HTTP/1.1\r\nHost: x\r\n\r\n";
}
fwrite($c, $batch);
$server->waitForLog('dispatched /2 ');
$other = $server->connect();
fwrite($other, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n");
echo http_describe(http_read_response($other)), "\n";
for ($i = 1; $i <= 6; $i++) {
    echo http_describe(http_read_response($c)), "\n";
}
$most = 0;
foreach ($server->logMessages() as $line) {
    if (preg_match('/^dispatched \/\d unanswered on its connection (\d+)$/', $line, $m)) {
        $most = max($most, (int)$m[1]);
    }
}
echo "most unanswered requests of the pipelining connection: $most\n";
var_dump($server->stop());
?>
--EXPECT--
[200 keep-alive "answer /other"]
[200 keep-alive "answer /1"]
[200 keep-alive "answer /2"]
[200 keep-alive "answer /3"]
[200 keep-alive "answer /4"]
[200 keep-alive "answer /5"]
[200 keep-alive "answer /6"]
most unanswered requests of the pipelining connection: 2
int(0)
