--TEST--
Protocols: input() returning -1 or more than maxPackageSize closes the connection with a log line; exceptions in input/decode/encode close only that connection
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
eval(<<<'CODE'
namespace Protocols;
class Picky {
    public static function input(string $buffer, $connection): int {
        if ($buffer[0] === '!') return -1;
        if ($buffer[0] === '+') return 5000;
        if ($buffer[0] === 'i') throw new \RuntimeException("input cannot parse");
        $pos = strpos($buffer, ';');
        return $pos === false ? 0 : $pos + 1;
    }
    public static function decode(string $buffer, $connection): string {
        if ($buffer[0] === 'd') throw new \LogicException("decode failed");
        return rtrim($buffer, ';');
    }
    public static function encode($data, $connection): string {
        if ($data === 'e') throw new \DomainException("encode refused");
        return "$data;";
    }
}
CODE);
TcpConnection::$defaultMaxPackageSize = 1000;
$w = new Worker('picky://127.0.0.1:' . TEST_PORT);
$w->name = 'picky';
$w->onMessage = function ($c, $m) {
    if ($m === 'e') {
        try {
            $c->send('e');
        } catch (DomainException $ex) {
            Worker::log("caught " . $ex->getMessage());
            $c->send('recovered');
            $c->send('e'); // uncaught: logged, connection closed
        }
    }
    $c->send("ok $m");
};
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
$good = $server->connect();
fwrite($good, "a;");
var_dump(fread($good, 100));
$ports = [];
foreach (['!bad', '+big', 'input', 'decode;', 'e;'] as $i => $payload) {
    $s = $server->connect();
    $ports[] = substr(stream_socket_get_name($s, false), strrpos(stream_socket_get_name($s, false), ':') + 1);
    fwrite($s, $payload);
    $got = '';
    while (!feof($s) && ($chunk = fread($s, 100)) !== false && $chunk !== '') $got .= $chunk;
    echo json_encode($payload), " => ", json_encode($got), " closed ", var_export(feof($s), true), "\n";
    $server->waitForLog('close ' . ($i + 2));
}
fwrite($good, "b;");
var_dump(fread($good, 100));
$log = implode("\n", array_slice($server->logMessages(), 1));
echo str_replace($ports, ['P2', 'P3', 'P4', 'P5', 'P6'], preg_replace('/\n(Stack trace:|#\d).*/', '', $log)), "\n";
var_dump($server->stop());
?>
--EXPECTF--
string(5) "ok a;"
"!bad" => "" closed true
"+big" => "" closed true
"input" => "" closed true
"decode;" => "" closed true
"e;" => "recovered;" closed true
string(5) "ok b;"
Worker[picky] connection 2 from 127.0.0.1:P2: protocol Protocols\Picky::input() returned -1 (maxPackageSize 1000); closing it
close 2
Worker[picky] connection 3 from 127.0.0.1:P3: protocol Protocols\Picky::input() returned 5000 (maxPackageSize 1000); closing it
close 3
Worker[picky] protocol input() of connection 4 threw RuntimeException: input cannot parse in %s : eval()'d code:%d
close 4
Worker[picky] protocol decode() of connection 5 threw LogicException: decode failed in %s : eval()'d code:%d
close 5
caught encode refused
Worker[picky] onMessage of connection 6 threw DomainException: encode refused in %s : eval()'d code:%d
close 6
int(0)
