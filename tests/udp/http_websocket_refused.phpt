--TEST--
UDP: http:// and websocket:// with transport 'udp' make runAll() throw a RuntimeException saying they cannot run over udp, before any process is forked or port bound
--FILE--
<?php
require __DIR__ . '/udp.inc';
foreach (['http', 'websocket'] as $scheme) {
    $server = TestServer::spawn(<<<PHP
\$w = new Worker('$scheme://127.0.0.1:' . TEST_PORT);
\$w->transport = 'udp';
\$w->onWorkerStart = function () { Worker::log('child started'); };
\$w->onMessage = function (\$c, \$m) {};
try {
    Worker::runAll();
} catch (RuntimeException \$e) {
    echo get_class(\$e), ': ', \$e->getMessage(), "\\n";
    echo str_contains(\$e->getMessage(), 'cannot run over udp') ? "mentions udp\\n" : "does not mention udp\\n";
}
PHP, ['start'], ['wait' => false]);
    var_dump($server->wait(10));
    echo $server->output();
    var_dump(str_contains($server->log(), 'child started'), $server->groupProcesses(), udp_bound($server->port), $server->listening());
}
?>
--EXPECTF--
int(0)
RuntimeException: http://127.0.0.1:%d cannot run over udp: HTTP and WebSocket need a stream; use transport tcp
mentions udp
bool(false)
array(0) {
}
bool(false)
bool(false)
int(0)
RuntimeException: websocket://127.0.0.1:%d cannot run over udp: HTTP and WebSocket need a stream; use transport tcp
mentions udp
bool(false)
array(0) {
}
bool(false)
bool(false)
