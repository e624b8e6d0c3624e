--TEST--
AsyncUdpConnection: from a worker, connect() (or the first send()) calls onConnect, each answer datagram calls onMessage, close() calls onClose; a text:// client over UDP appends "\n" and splits answers into lines
--FILE--
<?php
require __DIR__ . '/udp.inc';
try {
    new Surge\Connection\AsyncUdpConnection('http://127.0.0.1:80');
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$server = TestServer::start(<<<'PHP'
use Surge\Connection\AsyncUdpConnection;
$echo = new Worker('udp://127.0.0.1:' . TEST_PORT);
$echo->onMessage = function ($c, $d) {
    Worker::log('server got ' . json_encode($d));
    $c->send("echo:$d");
    if ($d === 'two') $c->send('extra');
};
$text = new Worker('text://127.0.0.1:' . TEST_PORT2);
$text->transport = 'udp';
$text->onMessage = function ($c, $line) {
    Worker::log('text server got ' . json_encode($line));
    // Raw: two lines and an unterminated part in one datagram.
    $c->send("x:$line\ny:$line\r\npartial", true);
};
$client = new Worker();
$client->name = 'client';
$client->onWorkerStart = function () {
    $b = new AsyncUdpConnection('text://127.0.0.1:' . TEST_PORT2);
    $b->onConnect = fn($b) => Worker::log('b onConnect ' . $b->getRemotePort() . ' ' . get_class($b));
    $b->onMessage = function ($b, $line) {
        Worker::log('b onMessage ' . json_encode($line));
        if (str_starts_with($line, 'y:')) $b->close();
    };
    $b->onClose = function ($b) { Worker::log('b onClose'); Worker::log('done'); };

    $a = new AsyncUdpConnection('udp://127.0.0.1:' . TEST_PORT);
    $a->onConnect = fn($a) => Worker::log("a onConnect {$a->transport} " . $a->getRemoteIp() . ' ' . $a->getRemotePort() . ' ' . ($a->getLocalPort() > 0 ? 'bound' : 'unbound'));
    $a->onMessage = function ($a, $d) {
        Worker::log("a onMessage $d");
        if ($d === 'extra') $a->close();
    };
    $a->onClose = function ($a) use ($b) {
        Worker::log('a onClose');
        // No connect(): the first send() connects, onConnect runs before it returns.
        Worker::log('b before send');
        Worker::log('b send returned ' . var_export($b->send('hello'), true));
    };
    Worker::log('a before connect');
    $a->connect();
    Worker::log('a after connect');
    Worker::log('a send returned ' . var_export($a->send('one'), true));
    $a->send('two');
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('done');
$lines = array_filter($server->logMessages(), fn($l) => preg_match('/^(a|b|done)\b/', $l));
echo str_replace([(string)$server->port, (string)$server->port2], ['PORT', 'PORT2'], implode("\n", $lines)), "\n";
$servers = array_values(array_filter($server->logMessages(), fn($l) => str_contains($l, 'server got')));
print_r($servers);
var_dump($server->stop());
?>
--EXPECT--
RuntimeException: AsyncUdpConnection: Surge\Protocols\Http needs a stream (TCP); UDP carries datagrams
a before connect
a onConnect udp 127.0.0.1 PORT bound
a after connect
a send returned true
a onMessage echo:one
a onMessage echo:two
a onMessage extra
a onClose
b before send
b onConnect PORT2 Surge\Connection\AsyncUdpConnection
b send returned true
b onMessage "x:hello"
b onMessage "y:hello"
b onClose
done
Array
(
    [0] => server got "one"
    [1] => server got "two"
    [2] => text server got "hello"
)
int(0)
