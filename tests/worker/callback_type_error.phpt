--TEST--
Worker: assigning a non-callable to a callback property throws TypeError naming the property; null is accepted
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
class Holder { private function secret() {} }
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
foreach ([
    ['onMessage', 'no_such_function'],
    ['onConnect', 42],
    ['onClose', [new Holder(), 'secret']],
    ['onWorkerStart', ['NoSuchClass', 'method']],
    ['onBufferFull', 'Holder::missing'],
] as [$property, $value]) {
    try {
        $w->$property = $value;
        echo "$property: accepted\n";
    } catch (TypeError $e) {
        echo "$property: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
var_dump($w->onMessage, $w->onConnect);
$w->onMessage = fn() => null;
$w->onMessage = null;
var_dump($w->onMessage);
$c = new TcpConnection();
try {
    $c->onMessage = 'nope';
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
$c->onMessage = 'strlen';
var_dump($c->onMessage, $c->send('x'), $c->getStatus(false));
PHP, ['start']);
var_dump($server->wait(10));
echo $server->output();
?>
--EXPECT--
int(0)
onMessage: TypeError: Surge\Worker::$onMessage must be a callable or null, function "no_such_function" not found or invalid function name
onConnect: TypeError: Surge\Worker::$onConnect must be a callable or null, no array or string given
onClose: TypeError: Surge\Worker::$onClose must be a callable or null, cannot access private method Holder::secret()
onWorkerStart: TypeError: Surge\Worker::$onWorkerStart must be a callable or null, class "NoSuchClass" not found
onBufferFull: TypeError: Surge\Worker::$onBufferFull must be a callable or null, class Holder does not have a method "missing"
NULL
NULL
NULL
Surge\Connection\TcpConnection::$onMessage must be a callable or null, function "nope" not found or invalid function name
string(6) "strlen"
bool(false)
string(6) "CLOSED"
