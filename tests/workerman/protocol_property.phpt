--TEST--
Workerman switch: a worker's and a connection's $protocol name Workerman's classes with the switch ('\Workerman\Protocols\Text', '\Workerman\Protocols\Websocket', what GatewayWorker compares with) and Surge's without it
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$code = <<<'PHP'
$text = new Worker('text://127.0.0.1:' . TEST_PORT);
$ws = new Worker('websocket://127.0.0.1:' . TEST_PORT2);
$text->onWorkerStart = function () use ($text, $ws) {
    foreach ([$text, $ws] as $w) {
        Worker::log("worker {$w->protocol} " . var_export(class_exists($w->protocol), true));
    }
    Worker::log('websocket as GatewayWorker checks: ' . var_export($ws->protocol === '\Workerman\Protocols\Websocket', true));
};
$text->onMessage = function (TcpConnection $c, string $m) { $c->send("connection {$c->protocol}"); };
Worker::runAll();
PHP;
foreach ([true, false] as $switch) {
    echo "-- surge.workerman=", (int)$switch, "\n";
    $server = TestServer::start($code, ['start', '-q'], ['workerman' => $switch]);
    $c = $server->connect();
    fwrite($c, "which\n");
    var_dump(read_line($c));
    fclose($c);
    var_dump($server->stop());
    echo implode("\n", array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge['))), "\n";
}
?>
--EXPECT--
-- surge.workerman=1
string(36) "connection \Workerman\Protocols\Text"
int(0)
worker \Workerman\Protocols\Text true
worker \Workerman\Protocols\Websocket true
websocket as GatewayWorker checks: true
-- surge.workerman=0
string(32) "connection \Surge\Protocols\Text"
int(0)
worker \Surge\Protocols\Text true
worker \Surge\Protocols\Websocket true
websocket as GatewayWorker checks: false
