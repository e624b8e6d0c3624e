--TEST--
AsyncUdpConnection: a datagram sent where nothing listens (ICMP port unreachable) calls onError with code 2 and a "refused" message once per refused datagram, only after a send; close() then calls onClose
--FILE--
<?php
require __DIR__ . '/udp.inc';
// A UDP port just freed: nothing listens there.
$probe = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$name = stream_socket_get_name($probe, false);
$dead = (int)substr($name, strrpos($name, ':') + 1);
fclose($probe);
$server = TestServer::start("const DEAD_PORT = $dead;\n" . <<<'PHP'
use Surge\Connection\AsyncUdpConnection;
$client = new Worker();
$client->onWorkerStart = function () {
    $c = new AsyncUdpConnection('udp://127.0.0.1:' . DEAD_PORT);
    $errors = 0;
    $c->onConnect = fn($c) => Worker::log('onConnect');
    $c->onMessage = fn($c, $d) => Worker::log("onMessage $d");
    $c->onError = function ($c, $code, $msg) use (&$errors) {
        Worker::log("onError #" . ++$errors . " " . gettype($code) . " $code " . json_encode($msg));
        if ($errors === 1) {
            Worker::log('second send returned ' . var_export($c->send('second'), true));
        } else {
            $c->close();
        }
    };
    $c->onClose = function ($c) { Worker::log('onClose'); Worker::log('done'); };
    $c->connect();
    Worker::log('connected, nothing sent yet');
    Worker::log('first send returned ' . var_export($c->send('first'), true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('done');
echo str_replace((string)$dead, 'DEAD', implode("\n", array_slice($server->logMessages(), 1))), "\n";
var_dump(preg_match_all('/onError #\d+ integer 2 ".*refused.*"/', $server->log()));
var_dump($server->stop());
?>
--EXPECT--
onConnect
connected, nothing sent yet
first send returned true
onError #1 integer 2 "a datagram was refused: nothing listens at 127.0.0.1:DEAD (ICMP port unreachable)"
second send returned true
onError #2 integer 2 "a datagram was refused: nothing listens at 127.0.0.1:DEAD (ICMP port unreachable)"
onClose
done
int(2)
int(0)
