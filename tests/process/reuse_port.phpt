--TEST--
Process: reusePort = true with count = 2: one socket per child (opened and kept by the master, one per slot) and both serve
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'shared';
$w->count = 2;
$w->reusePort = true;
$w->onWorkerStart = function ($w) { Worker::log("start {$w->id}"); };
$w->onMessage = function ($c, $m) { $c->send(getmypid() . " $m"); };
Worker::runAll();
PHP);
$children = $server->waitForChildren(2);
$server->waitForLog('start ', 10, 3);
// Two listening sockets on the port, one per child slot.
$hex = sprintf(':%04X', $server->port);
$listeners = 0;
foreach (file('/proc/net/tcp') as $row) {
    $cols = preg_split('/\s+/', trim($row));
    if ($cols[3] === '0A' && str_ends_with($cols[1], $hex)) $listeners++;
}
var_dump($listeners);
$seen = [];
for ($i = 0; $i < 64 && count($seen) < 2; $i++) {
    $c = $server->connect();
    fwrite($c, "hi\n");
    [$pid, $m] = explode(' ', read_line($c));
    $seen[(int)$pid] = true;
    fclose($c);
}
$seen = array_keys($seen);
sort($seen);
var_dump($seen === $children);
var_dump($server->stop());
var_dump($server->listening());
?>
--EXPECT--
int(2)
bool(true)
int(0)
bool(false)
