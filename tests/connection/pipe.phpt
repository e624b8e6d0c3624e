--TEST--
TcpConnection::pipe(): a four-line TCP proxy (each accepted connection piped to an outgoing one to a backend, and back) carries 8 MB each way intact through a 64 KB send buffer, the backend's pauseRecv back-pressure holding the proxy's memory; closing the client closes the backend connection
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Connection\AsyncTcpConnection;
// The backend: answers every byte with its uppercase (8 MB in, 8 MB out).
$backend = new Worker('tcp://127.0.0.1:' . TEST_PORT2);
$backend->onMessage = fn($c, $d) => $c->send(strtoupper($d));
$backend->onClose = fn() => Worker::log('backend connection closed');
$proxy = new Worker('tcp://127.0.0.1:' . TEST_PORT);
$proxy->onConnect = function ($client) {
    $upstream = new AsyncTcpConnection('tcp://127.0.0.1:' . TEST_PORT2);
    $client->maxSendBufferSize = $upstream->maxSendBufferSize = 65536;
    $client->pipe($upstream);
    $upstream->pipe($client);
    $upstream->connect();
};
$proxy->onWorkerStart = fn() => Timer::repeat(0.2, function () {
    // The proxy never holds more than a few send buffers, whatever the client sends.
    if (memory_get_usage() > 6 << 20) Worker::log('proxy holds ' . memory_get_usage() . ' bytes');
});
Worker::runAll();
PHP);
$c = $server->connect();
$chunk = str_repeat('abcdefgh', 8192); // 64 KB
$expect = strtoupper($chunk);
$sent = $received = 0;
$ok = true;
stream_set_blocking($c, false);
$total = 8 << 20;
$got = '';
$deadline = microtime(true) + 30;
while ($received < $total && microtime(true) < $deadline) {
    $w = $sent < $total ? [$c] : [];
    $r = [$c];
    $e = null;
    if (stream_select($r, $w, $e, 1) === 0) continue;
    if ($w) {
        $n = fwrite($c, substr($chunk, $sent % 65536));
        $sent += (int)$n;
    }
    if ($r) {
        $data = fread($c, 1 << 20);
        $got .= $data;
        $received += strlen($data);
        while (strlen($got) >= 65536) {
            $ok = $ok && substr($got, 0, 65536) === $expect;
            $got = substr($got, 65536);
        }
    }
}
echo "sent $sent received $received ", $ok ? "intact" : "CHANGED", "\n";
fclose($c);
$server->waitForLog('backend connection closed');
var_dump($server->stop());
echo str_contains($server->log(), 'proxy holds') ? $server->log() : "memory bounded\n";
?>
--EXPECT--
sent 8388608 received 8388608 intact
int(0)
memory bounded
