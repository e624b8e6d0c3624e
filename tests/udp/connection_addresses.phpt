--TEST--
UDP: a UdpConnection reports the sender's and the worker's addresses (getRemote*/getLocal*, isIpV4/isIpV6) and jsonSerialize() gives them under Workerman's keys
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onMessage = function ($c, $data) {
    $c->send(json_encode([
        'methods' => [$c->getRemoteIp(), $c->getRemotePort(), $c->getRemoteAddress(), $c->getLocalIp(),
            $c->getLocalPort(), $c->getLocalAddress(), $c->isIpV4(), $c->isIpV6(), $c->transport],
        'json' => $c->jsonSerialize(),
        'encoded' => json_decode(json_encode($c), true) === $c->jsonSerialize(),
        'json_interface' => $c instanceof JsonSerializable,
    ]));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$c = udp_client($server->port);
$me = local_port($c);
udp_send($c, 'who');
$answer = json_decode(udp_recv($c), true);
// The ports change from run to run: named, wherever they appear.
array_walk_recursive($answer, function (&$v) use ($me, $server) {
    if ($v === $me) $v = 'CLIENT';
    elseif ($v === $server->port) $v = 'SERVER';
    elseif (is_string($v)) $v = str_replace([":$me", ":{$server->port}"], [':CLIENT', ':SERVER'], $v);
});
var_export($answer);
echo "\n";
var_dump($server->stop());
?>
--EXPECT--
array (
  'methods' => 
  array (
    0 => '127.0.0.1',
    1 => 'CLIENT',
    2 => '127.0.0.1:CLIENT',
    3 => '127.0.0.1',
    4 => 'SERVER',
    5 => '127.0.0.1:SERVER',
    6 => true,
    7 => false,
    8 => 'udp',
  ),
  'json' => 
  array (
    'transport' => 'udp',
    'getRemoteIp' => '127.0.0.1',
    'remotePort' => 'CLIENT',
    'getRemoteAddress' => '127.0.0.1:CLIENT',
    'getLocalIp' => '127.0.0.1',
    'getLocalPort' => 'SERVER',
    'getLocalAddress' => '127.0.0.1:SERVER',
    'isIpV4' => true,
    'isIpV6' => false,
  ),
  'encoded' => true,
  'json_interface' => true,
)
int(0)
