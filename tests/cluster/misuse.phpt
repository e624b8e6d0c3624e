--TEST--
Send to anyone, misuse: outside a running server, on an HTTP or outgoing connection, with a wrong client id or name; each error says what to do
--FILE--
<?php
require __DIR__ . '/chat_server.inc';
require __DIR__ . '/../helper.inc';
use Surge\Worker;
foreach ([fn() => Worker::sendToUid('u', 'x'), fn() => Worker::getAllClientCount(), fn() => (new Surge\Connection\TcpConnection())->bindUid('u')] as $f) {
    try {
        $f();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$server = TestServer::start(<<<'PHP'
$http = new Worker('http://127.0.0.1:' . TEST_PORT);
$http->onMessage = function ($c, $r) {
    $out = [];
    foreach ([
        fn() => $c->bindUid('u'),
        fn() => Worker::sendToClient('not-an-id', 'x'),
        fn() => Worker::sendToGroup('g', 'x', [1]),
        fn() => Worker::isUidOnline(''),
        function () {
            $out = new Surge\Connection\AsyncTcpConnection('tcp://127.0.0.1:' . TEST_PORT);
            $out->bindUid('u');
        },
    ] as $f) {
        try {
            $f();
            $out[] = 'no error';
        } catch (Throwable $e) {
            $out[] = get_class($e) . ': ' . $e->getMessage();
        }
    }
    $out[] = 'to a client of a process that is gone: ' . var_export(Worker::sendToClient(Worker::$cluster['node'] ?? gethostname() . ':999999:1', 'x'), true);
    $out[] = 'count: ' . Worker::getAllClientCount();
    $c->send(implode("\n", $out));
};
Worker::runAll();
PHP);
echo file_get_contents("http://127.0.0.1:{$server->port}/"), "\n";
$server->stop();
?>
--EXPECT--
RuntimeException: Worker::sendToUid() works in the worker processes of a running server: call it from a callback (onMessage, onConnect, a timer...) after Worker::runAll()
RuntimeException: Worker::getAllClientCount() works in the worker processes of a running server: call it from a callback (onMessage, onConnect, a timer...) after Worker::runAll()
RuntimeException: TcpConnection::bindUid() works in the worker processes of a running server: call it from a callback (onMessage, onConnect, a timer...) after Worker::runAll()
RuntimeException: TcpConnection::bindUid(): an HTTP connection cannot be reached by messages pushed to it; use a websocket://, text://, frame://, tcp:// or user-protocol worker
ValueError: Surge\Worker::sendToClient(): Argument #1 ($clientId) is not a client id ("node:pid:id", from TcpConnection::getClientId())
TypeError: Surge\Worker::sendToGroup(): Argument #3 ($excludeClientIds) must hold client ids (strings), int found
ValueError: Surge\Worker::isUidOnline(): Argument #1 ($uid) must be 1 to 64 bytes long
RuntimeException: TcpConnection::bindUid(): only connections a Worker accepted can be bound; this one is outgoing
to a client of a process that is gone: false
count: 0
