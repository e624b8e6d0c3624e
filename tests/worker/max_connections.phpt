--TEST--
Worker::$maxConnections: at the limit a process stops accepting (the next client waits in the kernel's accept queue, it is neither accepted nor dropped) while the connections it holds are served; once one closes, the waiting client is accepted and served
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->maxConnections = 2;
$w->onConnect = fn($c) => Worker::log("connect " . count($c->worker->connections));
$w->onMessage = fn($c, $m) => $c->send("echo $m");
Worker::runAll();
PHP);

// Connections waiting in the accept queue of the listening socket (rx_queue of its row).
function accept_queue(int $port): int {
    foreach (file('/proc/net/tcp') as $row) {
        $cols = preg_split('/\s+/', trim($row));
        if (($cols[3] ?? '') === '0A' && str_ends_with($cols[1], sprintf(':%04X', $port))) {
            return hexdec(explode(':', $cols[4])[1]);
        }
    }
    return -1;
}

$c1 = $server->connect();
$c2 = $server->connect();
foreach ([$c1, $c2] as $i => $c) {
    fwrite($c, "hello $i\n");
    echo fgets($c);
}
$c3 = $server->connect();
fwrite($c3, "third\n");
wait_for(fn() => accept_queue($server->port) === 1, 'the third client in the accept queue');
echo "third client waits in the accept queue\n";
fwrite($c1, "still served\n");
echo fgets($c1);
fclose($c1);
echo fgets($c3);
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
echo "accept queue now: ", accept_queue($server->port), "\n";
var_dump($server->stop());
?>
--EXPECT--
echo hello 0
echo hello 1
third client waits in the accept queue
echo still served
echo third
connect 1
connect 2
connect 2
accept queue now: 0
int(0)
