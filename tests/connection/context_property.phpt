--TEST--
TcpConnection::$context: a stdClass of the connection's own made on first use (read, write, isset, json_encode), kept across messages, separate per connection, and gone with it; unset() by the application is respected
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) { $c->context->count = 0; };
$w->onMessage = function ($c, $m) {
    if ($m === 'unset') {
        unset($c->context);
        try {
            $c->context->x = 1;
        } catch (Error $e) {
            $c->send('after unset: ' . $e->getMessage());
        }
        return;
    }
    $c->context->count++;
    $c->context->last = $m;
    $c->send(get_class($c->context) . ' ' . json_encode($c->context) . ' isset ' . var_export(isset($c->context), true));
};
Worker::runAll();
PHP);
$a = $server->connect();
$b = $server->connect();
fwrite($a, "one\n");
echo read_line($a), "\n";
fwrite($a, "two\n");
echo read_line($a), "\n";
fwrite($b, "three\n");
echo read_line($b), "\n";
fwrite($b, "unset\n");
echo read_line($b), "\n";
var_dump($server->stop());
?>
--EXPECT--
stdClass {"count":1,"last":"one"} isset true
stdClass {"count":2,"last":"two"} isset true
stdClass {"count":1,"last":"three"} isset true
after unset: Attempt to assign property "x" on null
int(0)
