--TEST--
Connection: an IPv6 listener on [::1]; addresses in brackets as PHP writes them, isIpV6 true
--SKIPIF--
<?php
$s = @stream_socket_server('tcp://[::1]:0');
if (!$s) die('skip ::1 is not available');
?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://[::1]:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    $c->send(json_encode([$c->getRemoteIp(), $c->getRemotePort(), $c->getRemoteAddress(), $c->getLocalIp(),
        $c->getLocalPort(), $c->getLocalAddress(), $c->isIpV4(), $c->isIpV6(), $c->worker->getSocketName(), $m]));
};
Worker::runAll();
PHP);
$c = stream_socket_client("tcp://[::1]:{$server->port}", $errno, $errstr, 5);
stream_set_timeout($c, 5);
fwrite($c, "v6\n");
[$rip, $rport, $raddr, $lip, $lport, $laddr, $v4, $v6, $name, $m] = json_decode(read_line($c), true);
$client = stream_socket_get_name($c, false);
var_dump($rip, $raddr === $client, $rport === (int)substr($client, strrpos($client, ':') + 1));
var_dump($lip, $lport === $server->port, $laddr === "[::1]:{$server->port}", $v4, $v6, $name === "text://[::1]:{$server->port}", $m);
// Not reachable over IPv4.
var_dump(@stream_socket_client("tcp://127.0.0.1:{$server->port}", $errno, $errstr, 2));
var_dump($server->stop());
?>
--EXPECT--
string(5) "[::1]"
bool(true)
bool(true)
string(5) "[::1]"
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
string(2) "v6"
bool(false)
int(0)
