--TEST--
UDP: a user protocol (Protocols\MyProto, scheme myproto://) with transport 'udp': input() splits each datagram into messages, decode() returning false skips one, encode() frames send(), an incomplete tail is dropped
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
// The helper's prologue has `use` statements, so the namespaced class comes through eval.
eval(<<<'CODE'
namespace Protocols;
// Messages end with "|"; "skip|" decodes to false; answers are "<...>".
class MyProto {
    public static function input(string $buffer, $connection): int {
        \Surge\Worker::log('input ' . json_encode($buffer) . ' ' . get_class($connection));
        $pos = strpos($buffer, '|');
        return $pos === false ? 0 : $pos + 1;
    }
    public static function decode(string $buffer, $connection) {
        $body = substr($buffer, 0, -1);
        return $body === 'skip' ? false : strtoupper($body);
    }
    public static function encode($data, $connection): string {
        return "<$data>";
    }
}
CODE);
$w = new Worker('myproto://127.0.0.1:' . TEST_PORT);
$w->transport = 'udp';
$w->onWorkerStart = function ($w) { Worker::log("ready {$w->transport} {$w->protocol}"); };
$w->onMessage = function ($c, $message) {
    Worker::log('message ' . json_encode($message));
    $c->send($message);
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$c = udp_client($server->port);
udp_send($c, 'one|skip|two|tail');
udp_send($c, 'three|');
var_dump(udp_recv($c), udp_recv($c), udp_recv($c));
$server->waitForLog('message "THREE"');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(5) "<ONE>"
string(5) "<TWO>"
string(7) "<THREE>"
ready udp \Protocols\MyProto
input "one|skip|two|tail" Surge\Connection\UdpConnection
message "ONE"
input "skip|two|tail" Surge\Connection\UdpConnection
input "two|tail" Surge\Connection\UdpConnection
message "TWO"
input "tail" Surge\Connection\UdpConnection
input "three|" Surge\Connection\UdpConnection
message "THREE"
int(0)
