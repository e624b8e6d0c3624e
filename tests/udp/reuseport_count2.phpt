--TEST--
UDP: with count=2 and reusePort=true each worker process has its own socket on the port and both serve: datagrams from many source ports are answered by worker ids 0 and 1, each from its own process
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->reusePort = true;
$w->onWorkerStart = function ($worker) { Worker::log("ready {$worker->id}"); };
$w->onMessage = function ($c, $data) use ($w) {
    $c->send("$data {$w->id} " . getmypid());
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready ', 10, 2);
$children = $server->waitForChildren(2);
var_dump(udp_sockets($server->port));
$seen = [];
// A new client (a new source port) per datagram: the kernel spreads them over the sockets.
for ($i = 0; $i < 200 && count($seen) < 2; $i++) {
    $c = udp_client($server->port);
    udp_send($c, "n$i");
    $answer = udp_recv($c);
    fclose($c);
    if ($answer === false) {
        echo "no answer to n$i\n";
        break;
    }
    [$n, $id, $pid] = explode(' ', $answer);
    if ($n !== "n$i") {
        echo "unexpected answer $answer to n$i\n";
    }
    $seen[(int)$id][] = (int)$pid;
}
ksort($seen);
var_dump(array_keys($seen));
// Each worker id answered from one process, and the two are the master's children.
$pids = array_map(fn($list) => array_values(array_unique($list)), $seen);
var_dump(count($pids[0] ?? []) === 1, count($pids[1] ?? []) === 1);
$both = array_merge($pids[0] ?? [], $pids[1] ?? []);
sort($both);
var_dump($both === $children);
var_dump($server->stop());
?>
--EXPECT--
int(2)
array(2) {
  [0]=>
  int(0)
  [1]=>
  int(1)
}
bool(true)
bool(true)
bool(true)
int(0)
