--TEST--
HTTP back-pressure: three pipelined GETs with 4 MB answers and a client that reads late: nothing is dropped (all three arrive whole, in order), onBufferFull/onBufferDrain fire, the next request is not dispatched while the answers wait above maxSendBufferSize, and another client is served meanwhile
--FILE--
<?php
require __DIR__ . '/http.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $r) {
    file_put_contents(TEST_DIR . '/calls', $r->path() . "\n", FILE_APPEND);
    if ($r->path() === '/small') {
        $c->send('small');
        return;
    }
    $c->send(str_repeat($r->path()[1], 4 << 20));
};
$w->onBufferFull = fn($c) => Worker::log("full");
$w->onBufferDrain = fn($c) => Worker::log("drain");
$w->onError = fn($c, $code, $m) => Worker::log("error $code $m");
Worker::runAll();
PHP);
$slow = $server->connect();
fwrite($slow, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n");
$server->waitForLog('full');
echo "== another client while the first one does not read\n";
$other = $server->connect();
fwrite($other, "GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
echo http_describe(http_read_response($other)), "\n";
echo "dispatched so far: ", str_replace("\n", ' ', http_calls($server)), "\n";
echo "== the first client reads now\n";
foreach (['a', 'b', 'c'] as $letter) {
    $response = http_read_response($slow);
    [$head, $body] = explode("\r\n\r\n", $response, 2);
    echo substr($head, 0, 15), ' ', strlen($body), ' ', $body === str_repeat($letter, 4 << 20) ? "all $letter" : 'WRONG', "\n";
}
$server->waitForLog('drain', 10, 3);
echo "dispatched: ", str_replace("\n", ' ', http_calls($server)), "\n";
// The first answer waits corked and above the limit: full, then drain once read. The last
// one may leave at once when the client reads fast, so only the pairing is asserted.
$events = array_values(array_filter(array_slice($server->logMessages(), 1), fn($l) => $l === 'full' || $l === 'drain' || str_starts_with($l, 'error')));
echo implode(' ', array_slice($events, 0, 2)), '; full ', count(array_keys($events, 'full')) === count(array_keys($events, 'drain')) ? '==' : '!=', " drain\n";
var_dump($server->stop());
?>
--EXPECT--
== another client while the first one does not read
[200 keep-alive "small"]
dispatched so far: /a /small 
== the first client reads now
HTTP/1.1 200 OK 4194304 all a
HTTP/1.1 200 OK 4194304 all b
HTTP/1.1 200 OK 4194304 all c
dispatched: /a /small /b /c 
full drain; full == drain
int(0)
