--TEST--
Protocols: a user class Protocols\MyProto is found from the scheme myProto://; input() sizes messages, decode() values reach onMessage, encode() shapes send()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// The helper's prologue has `use` statements, so the namespaced class comes through eval.
eval(<<<'CODE'
namespace Protocols;
// Messages end with "|"; decode() returns an array, encode() takes one.
class MyProto {
    public static function input(string $buffer, $connection): int {
        \Surge\Worker::log("input " . json_encode($buffer) . " " . get_class($connection));
        $pos = strpos($buffer, '|');
        return $pos === false ? 0 : $pos + 1;
    }
    public static function decode(string $buffer, $connection): array {
        return ['body' => substr($buffer, 0, -1), 'id' => $connection->id];
    }
    public static function encode($data, $connection): string {
        return is_array($data) ? '<' . implode(',', $data) . '>|' : (string)$data;
    }
}
CODE);
$w = new Worker('myProto://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function ($w) { Worker::log("protocol {$w->protocol} transport {$w->transport}"); };
$w->onConnect = function ($c) { Worker::log("connect protocol {$c->protocol}"); };
$w->onMessage = function ($c, $data) {
    Worker::log("message " . json_encode($data));
    if ($data['body'] === 'empty') {
        Worker::log("send empty " . var_export($c->send(''), true));
        return;
    }
    if ($data['body'] === 'raw') {
        Worker::log("send raw " . var_export($c->send("raw!|", true), true));
        return;
    }
    $c->send([$data['body'], $data['id']]);
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, "hello|");
var_dump(fread($c, 100));
// Two messages and a half in one write, the rest later.
fwrite($c, "a|b|c");
var_dump(read_bytes($c, 12));
fwrite($c, "d|");
var_dump(read_bytes($c, 7));
fwrite($c, "empty|raw|");
var_dump(read_bytes($c, 5));
$server->waitForLog('send raw');  // logged just after the bytes were sent
$log = array_slice($server->logMessages(), 1);
echo implode("\n", $log), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(10) "<hello,1>|"
string(12) "<a,1>|<b,1>|"
string(7) "<cd,1>|"
string(5) "raw!|"
protocol \Protocols\MyProto transport tcp
connect protocol \Protocols\MyProto
input "hello|" Surge\Connection\TcpConnection
message {"body":"hello","id":1}
input "a|b|c" Surge\Connection\TcpConnection
message {"body":"a","id":1}
input "b|c" Surge\Connection\TcpConnection
message {"body":"b","id":1}
input "c" Surge\Connection\TcpConnection
input "cd|" Surge\Connection\TcpConnection
message {"body":"cd","id":1}
input "empty|raw|" Surge\Connection\TcpConnection
message {"body":"empty","id":1}
send empty NULL
input "raw|" Surge\Connection\TcpConnection
message {"body":"raw","id":1}
send raw true
int(0)
