--TEST--
UDP: udp:// calls onMessage once per datagram with its exact bytes and a new UdpConnection each time, send() answers that sender and returns true, onConnect/onClose never run
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->name = 'udpecho';
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onConnect = function ($c) { Worker::log('onConnect called'); };
$w->onClose = function ($c) { Worker::log('onClose called'); };
$kept = [];
$w->onMessage = function ($c, $data) use (&$kept) {
    $kept[] = $c; // keeps every object alive: their ids cannot be reused
    $ids = array_unique(array_map('spl_object_id', $kept));
    Worker::log(sprintf('message %s %s transport=%s objects=%d', get_class($c), json_encode(bin2hex($data)), $c->transport, count($ids)));
    $sent = $c->send("got:" . $data);
    Worker::log('send returned ' . var_export($sent, true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$a = udp_client($server->port);
$b = udp_client($server->port);
var_dump(udp_send($a, "hello"));
var_dump(udp_recv($a));
// Two datagrams from one sender: two messages, never merged.
udp_send($a, "one");
udp_send($a, "two");
var_dump(udp_recv($a), udp_recv($a));
// Binary bytes, including NUL and a lone "\n", come through untouched.
udp_send($b, "\x00\xff\n\r\nx");
var_dump(udp_recv($b) === "got:\x00\xff\n\r\nx");
// Each sender gets its own answer.
udp_send($b, "from b");
udp_send($a, "from a");
var_dump(udp_recv($b), udp_recv($a));
$server->waitForLog('send returned', 10, 6);
echo implode("\n", array_slice($server->logMessages(), 2)), "\n";
var_dump($server->stop());
echo $server->output();
?>
--EXPECTF--
bool(true)
string(9) "got:hello"
string(7) "got:one"
string(7) "got:two"
bool(true)
string(10) "got:from b"
string(10) "got:from a"
message Surge\Connection\UdpConnection "68656c6c6f" transport=udp objects=1
send returned true
message Surge\Connection\UdpConnection "6f6e65" transport=udp objects=2
send returned true
message Surge\Connection\UdpConnection "74776f" transport=udp objects=3
send returned true
message Surge\Connection\UdpConnection "00ff0a0d0a78" transport=udp objects=4
send returned true
message Surge\Connection\UdpConnection "66726f6d2062" transport=udp objects=5
send returned true
message Surge\Connection\UdpConnection "66726f6d2061" transport=udp objects=6
send returned true
int(0)
Surge[server.php] start in DEBUG mode
%s SURGE %s
Surge/%s
%s WORKERS %s
proto%suser%sworker%slisten%scount%sstate%s
udp%sudpecho%sudp://127.0.0.1:%d%s1%s[OK]%s
%s
Press Ctrl+C to stop. Start success.
ready
message %A
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
