--TEST--
UDP: close('bye') sends 'bye' and makes later sends on that object return false, but the worker's socket stays open: the same process serves the next datagrams, from the same sender and from others
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('udp://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onClose = function ($c) { Worker::log('onClose called'); };
$closed = null;
$w->onMessage = function ($c, $data) use (&$closed) {
    if ($data === 'close') {
        $c->close('bye');
        Worker::log('send after close: ' . var_export($c->send('after'), true));
        $c->close('second close');
        Worker::log('send after second close: ' . var_export($c->send('after'), true));
        $closed = $c;
        return;
    }
    if ($data === 'silent close') {
        $c->close();
        Worker::log('send after silent close: ' . var_export($c->send('after'), true));
        return;
    }
    Worker::log("message $data; old object sends: " . var_export($closed?->send('old'), true));
    Worker::log('answer sent: ' . var_export($c->send("pong $data " . getmypid()), true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
[$child] = $server->waitForChildren(1);
$a = udp_client($server->port);
$b = udp_client($server->port);
udp_send($a, 'close');
var_dump(udp_recv($a));
// Had 'after', 'second close' or 'old' been sent, they would come before the answer.
udp_send($a, 'again');
var_dump(udp_recv($a) === "pong again $child");
udp_send($b, 'other');
var_dump(udp_recv($b) === "pong other $child");
udp_send($b, 'silent close');
udp_send($b, 'last');
var_dump(udp_recv($b) === "pong last $child");
var_dump($server->children() === [$child], $server->isRunning());
$server->waitForLog('answer sent', 10, 3);
echo implode("\n", array_slice($server->logMessages(), 2)), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(3) "bye"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
send after close: false
send after second close: false
message again; old object sends: false
answer sent: true
message other; old object sends: false
answer sent: true
send after silent close: false
message last; old object sends: false
answer sent: true
int(0)
