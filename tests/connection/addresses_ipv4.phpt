--TEST--
Connection: remote and local address getters, isIpV4/isIpV6 and jsonSerialize() over IPv4
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    $c->send(json_encode([
        'remoteIp' => $c->getRemoteIp(), 'remotePort' => $c->getRemotePort(), 'remoteAddress' => $c->getRemoteAddress(),
        'localIp' => $c->getLocalIp(), 'localPort' => $c->getLocalPort(), 'localAddress' => $c->getLocalAddress(),
        'v4' => $c->isIpV4(), 'v6' => $c->isIpV6(), 'transport' => $c->transport, 'protocol' => $c->protocol,
        'json' => $c->jsonSerialize(), 'encoded' => json_decode(json_encode($c), true),
    ]));
};
$w->onClose = function ($c) {
    // Once closed, the local side is unknown; the remote side is remembered.
    Worker::log(json_encode([$c->getRemoteIp(), $c->getRemotePort() > 0, $c->getLocalIp(), $c->getLocalPort(), $c->getLocalAddress(), $c->isIpV4()]));
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "who\n");
$info = json_decode(read_line($c), true);
$clientName = stream_socket_get_name($c, false);
$clientPort = (int)substr($clientName, strrpos($clientName, ':') + 1);
var_dump($info['remoteIp'], $info['remotePort'] === $clientPort, $info['remoteAddress'] === $clientName);
var_dump($info['localIp'], $info['localPort'] === $server->port, $info['localAddress'] === "127.0.0.1:{$server->port}");
var_dump($info['v4'], $info['v6'], $info['transport'], $info['protocol']);
var_dump($info['json'] === $info['encoded']);
$json = $info['json'];
var_dump(array_keys($json));
var_dump($json['id'], $json['status'], $json['transport'], $json['getRemoteIp'], $json['remotePort'] === $clientPort,
    $json['getRemoteAddress'] === $clientName, $json['getLocalIp'], $json['getLocalPort'] === $server->port,
    $json['getLocalAddress'] === "127.0.0.1:{$server->port}", $json['isIpV4'], $json['isIpV6']);
fclose($c);
$server->waitForLog('["127.0.0.1"');
echo $server->logMessages()[1], "\n";
var_dump($server->stop());
?>
--EXPECT--
string(9) "127.0.0.1"
bool(true)
bool(true)
string(9) "127.0.0.1"
bool(true)
bool(true)
bool(true)
bool(false)
string(3) "tcp"
string(21) "\Surge\Protocols\Text"
bool(true)
array(11) {
  [0]=>
  string(2) "id"
  [1]=>
  string(6) "status"
  [2]=>
  string(9) "transport"
  [3]=>
  string(11) "getRemoteIp"
  [4]=>
  string(10) "remotePort"
  [5]=>
  string(16) "getRemoteAddress"
  [6]=>
  string(10) "getLocalIp"
  [7]=>
  string(12) "getLocalPort"
  [8]=>
  string(15) "getLocalAddress"
  [9]=>
  string(6) "isIpV4"
  [10]=>
  string(6) "isIpV6"
}
int(1)
int(2)
string(3) "tcp"
string(9) "127.0.0.1"
bool(true)
bool(true)
string(9) "127.0.0.1"
bool(true)
bool(true)
bool(true)
bool(false)
["127.0.0.1",true,"",0,"",true]
int(0)
