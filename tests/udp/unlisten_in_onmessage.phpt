--TEST--
UDP: a callback that calls $worker->unlisten() while more datagrams wait in the same wake-up stops the worker's receiving at once, without touching the closed receiver; answers already sent arrive, later datagrams are not handled, and the process goes on (its other worker still serves)
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$udp = new Worker('udp://127.0.0.1:' . TEST_PORT2);
$udp->onMessage = function ($c, $d) use ($udp) {
    $c->send("got $d");
    if ($d === 'stop') {
        $udp->unlisten();
        Worker::log('unlistened');
    }
};
$tcp = new Worker('text://127.0.0.1:' . TEST_PORT);
$tcp->onMessage = fn($c, $d) => $c->send("tcp $d");
Worker::runAll();
PHP);
$s = stream_socket_client('udp://127.0.0.1:' . $server->port2);
// Queued together: the server reads them in one wake-up.
foreach (['a', 'stop', 'b', 'c'] as $m) {
    stream_socket_sendto($s, $m);
}
$server->waitForLog('unlistened');
stream_set_timeout($s, 1);
$answers = [];
while (($r = fread($s, 100)) !== false && $r !== '') {
    $answers[] = $r;
}
echo implode(', ', $answers), "\n";
$c = $server->connect();
fwrite($c, "still here\n");
echo read_line($c), "\n";
var_dump($server->stop());
?>
--EXPECT--
got a, got stop
tcp still here
int(0)
