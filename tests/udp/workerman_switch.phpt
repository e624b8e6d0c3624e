--TEST--
UDP under the Workerman switch: a server written with Workerman's names (Workerman\Connection\UdpConnection type hints, AsyncUdpConnection client, text over udp) serves, the Workerman names are the same classes, and $protocol names Workerman's class
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
use Workerman\Connection\UdpConnection;
use Workerman\Connection\AsyncUdpConnection;

$udp = new Worker('udp://127.0.0.1:' . TEST_PORT);
$udp->onMessage = function (UdpConnection $c, string $data) {
    $c->send(json_encode([$data, get_class($c), $c instanceof UdpConnection, $c instanceof Surge\Connection\UdpConnection,
        $c instanceof Workerman\Connection\ConnectionInterface, var_export($c->protocol, true), $c->transport, UdpConnection::MAX_UDP_PACKAGE_SIZE]));
};
$text = new Worker('text://127.0.0.1:' . TEST_PORT2);
$text->transport = 'udp';
$text->onMessage = function (UdpConnection $c, string $line) {
    $c->send("$line {$c->protocol}");
};
$client = new Worker();
$client->onWorkerStart = function () {
    Worker::log('same classes: ' . var_export(AsyncUdpConnection::class !== Surge\Connection\AsyncUdpConnection::class
        && (new ReflectionClass(AsyncUdpConnection::class))->getName() === Surge\Connection\AsyncUdpConnection::class
        && (new ReflectionClass(UdpConnection::class))->getName() === Surge\Connection\UdpConnection::class, true));
    $a = new AsyncUdpConnection('text://127.0.0.1:' . TEST_PORT2);
    Worker::log('client is a UdpConnection: ' . var_export($a instanceof UdpConnection, true) . ", protocol {$a->protocol}");
    $a->onConnect = function (AsyncUdpConnection $a) { Worker::log('client onConnect'); };
    $a->onMessage = function (AsyncUdpConnection $a, string $line) {
        Worker::log("client onMessage $line");
        $a->close();
    };
    $a->onClose = function () { Worker::log('client onClose'); Worker::log('ready'); };
    $a->send('from client');
};
Worker::runAll();
PHP, ['start'], ['workerman' => true, 'wait' => false]);
$server->waitForLog('ready');
$c = udp_client($server->port);
udp_send($c, 'hi');
print_r(json_decode(udp_recv($c), true));
$t = udp_client($server->port2);
udp_send($t, "from test\n");
var_dump(udp_recv($t));
echo implode("\n", array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge['))), "\n";
var_dump($server->stop());
?>
--EXPECT--
Array
(
    [0] => hi
    [1] => Surge\Connection\UdpConnection
    [2] => 1
    [3] => 1
    [4] => 1
    [5] => NULL
    [6] => udp
    [7] => 65535
)
string(36) "from test \Workerman\Protocols\Text
"
same classes: true
client is a UdpConnection: true, protocol \Workerman\Protocols\Text
client onConnect
client onMessage from client \Workerman\Protocols\Text
client onClose
ready
int(0)
