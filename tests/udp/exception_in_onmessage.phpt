--TEST--
UDP: an exception thrown by onMessage for one datagram is logged and the same process keeps serving the next datagrams on its socket
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->name = 'thrower';
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onMessage = function ($c, $data) {
    if ($data === 'boom') {
        throw new LogicException("bad datagram from port " . ($c->getRemotePort() > 0 ? 'P' : '?'));
    }
    $c->send(getmypid() . " $data");
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
[$child] = $server->waitForChildren(1);
$a = udp_client($server->port);
udp_send($a, 'boom');
udp_send($a, 'after');
var_dump(udp_recv($a) === "$child after");
$b = udp_client($server->port);
udp_send($b, 'other');
var_dump(udp_recv($b) === "$child other");
var_dump($server->children() === [$child]);
echo implode("\n", $server->logMessages()), "\n";
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
Surge[server.php] start in DEBUG mode
ready
Worker[thrower] onMessage threw LogicException: bad datagram from port P in %s/server.php:%d
Stack trace:
#0 [internal function]: {closure}(Object(Surge\Connection\UdpConnection), 'boom')
#1 %s/server.php(%d): Surge\Worker::runAll()
#2 {main}
int(0)
