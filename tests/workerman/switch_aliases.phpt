--TEST--
Workerman switch: with surge.workerman=1 every Surge class is also known by its Workerman name as the same class (no autoloader needed), instanceof and type declarations accept either name, a server written with Workerman's names serves; without the switch those names do not exist
--FILE--
<?php
require __DIR__ . '/../helper.inc';

// Workerman's name => the Surge class it must be.
const NAMES = [
    'Workerman\Worker' => 'Surge\Worker',
    'Workerman\Timer' => 'Surge\Timer',
    'Workerman\Lib\Timer' => 'Surge\Timer',
    'Workerman\Connection\ConnectionInterface' => 'Surge\Connection\ConnectionInterface',
    'Workerman\Connection\TcpConnection' => 'Surge\Connection\TcpConnection',
    'Workerman\Connection\AsyncTcpConnection' => 'Surge\Connection\AsyncTcpConnection',
    'Workerman\Connection\UdpConnection' => 'Surge\Connection\UdpConnection',
    'Workerman\Connection\AsyncUdpConnection' => 'Surge\Connection\AsyncUdpConnection',
    'Workerman\Protocols\ProtocolInterface' => 'Surge\Protocols\ProtocolInterface',
    'Workerman\Protocols\Http' => 'Surge\Protocols\Http',
    'Workerman\Protocols\Websocket' => 'Surge\Protocols\Websocket',
    'Workerman\Protocols\Ws' => 'Surge\Protocols\Ws',
    'Workerman\Protocols\Text' => 'Surge\Protocols\Text',
    'Workerman\Protocols\Frame' => 'Surge\Protocols\Frame',
    'Workerman\Protocols\Http\Request' => 'Surge\Protocols\Http\Request',
    'Workerman\Protocols\Http\Response' => 'Surge\Protocols\Http\Response',
    'Workerman\Protocols\Http\Chunk' => 'Surge\Protocols\Http\Chunk',
    'Workerman\Protocols\Http\ServerSentEvents' => 'Surge\Protocols\Http\ServerSentEvents',
    'Workerman\Protocols\Http\Session' => 'Surge\Protocols\Http\Session',
    'Workerman\Protocols\Http\Session\FileSessionHandler' => 'Surge\Protocols\Http\Session\FileSessionHandler',
    'Workerman\Protocols\Http\Session\RedisSessionHandler' => 'Surge\Protocols\Http\Session\RedisSessionHandler',
    'Workerman\Protocols\Http\Session\SessionHandlerInterface' => 'Surge\Protocols\Http\Session\SessionHandlerInterface',
    'Workerman\Events\EventInterface' => 'Surge\Events\EventInterface',
    'Workerman\Events\Select' => 'Surge\Events\Select',
    'Workerman\Events\Event' => 'Surge\Events\Event',
    'Workerman\Events\Ev' => 'Surge\Events\Ev',
    'Workerman\Events\Fiber' => 'Surge\Events\Fiber',
    'Workerman\Events\Swoole' => 'Surge\Events\Swoole',
    'Workerman\Events\Swow' => 'Surge\Events\Swow',
];
// Session and its handlers are PHP code Surge compiles on first use (through its own
// autoload hook, which needs no autoloader of the script); every other class is compiled in.
const LAZY = ['Session', 'SessionHandler', 'SessionHandlerInterface'];

$server = TestServer::start('const NAMES = ' . var_export(NAMES, true) . ";\nconst LAZY = " . var_export(LAZY, true) . ";\n" . <<<'PHP'
// No autoloader is registered: every name must already be there.
$exists = fn($n, $autoload) => class_exists($n, $autoload) || interface_exists($n, $autoload);
foreach (NAMES as $workerman => $surge) {
    $lazy = (bool)array_filter(LAZY, fn($suffix) => str_ends_with($workerman, $suffix));
    $before = $exists($workerman, false);
    $ok = ($lazy || $before) && $exists($workerman, true)
        && (new ReflectionClass($workerman))->getName() === $surge
        && $exists($surge, false) && strcasecmp((new ReflectionClass($surge))->getName(), $surge) === 0;
    Worker::log(str_pad($workerman, 58) . ($ok ? "same class as $surge" : "NOT THE SAME CLASS"));
}

function takesWorkerman(Workerman\Connection\TcpConnection $c): string { return 'workerman-typed'; }
function takesSurge(Surge\Connection\TcpConnection $c): string { return 'surge-typed'; }

$w = new Worker('text://127.0.0.1:' . TEST_PORT);   // Workerman\Worker (the prologue's use)
Worker::log('new Workerman\Worker is a ' . get_class($w) . ', instanceof Surge\Worker: ' . var_export($w instanceof Surge\Worker, true));
$r = new Workerman\Protocols\Http\Response(200, [], 'x');
Worker::log('new Workerman Response instanceof Surge Response: ' . var_export($r instanceof Surge\Protocols\Http\Response, true)
    . ', Surge\Events\Select implements Workerman\Events\EventInterface: '
    . var_export(is_subclass_of(Surge\Events\Select::class, Workerman\Events\EventInterface::class), true));
$w->onMessage = function (Workerman\Connection\TcpConnection $c, string $m) {
    $c->send(implode(' ', [
        $m,
        takesWorkerman($c),
        takesSurge($c),
        var_export($c instanceof Workerman\Connection\ConnectionInterface, true),
        var_export($c instanceof Surge\Connection\TcpConnection, true),
        var_export($c->worker instanceof Workerman\Worker, true),
        get_class($c),
    ]));
};
$w->onClose = function (Surge\Connection\TcpConnection $c) { Worker::log("closed {$c->id}"); };
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$c = $server->connect();
fwrite($c, "ping\n");
var_dump(read_line($c));
fclose($c);
$server->waitForLog('closed 1');
var_dump($server->stop());
echo implode("\n", $server->logMessages()), "\n";

echo "--- without the switch ---\n";
$code = 'foreach (unserialize(base64_decode($argv[1])) as $n) {'
    . ' echo $n, " ", class_exists($n) || interface_exists($n) ? "exists" : "unknown", "\n"; }'
    . ' echo "Surge\\\\Worker ", class_exists("Surge\\\\Worker", false) ? "exists" : "unknown", "\n";';
$proc = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . TestServer::extensionPath(), '-r', $code,
    base64_encode(serialize(array_keys(NAMES)))], [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
echo stream_get_contents($pipes[1]);
var_dump(proc_close($proc));
?>
--EXPECT--
string(78) "ping workerman-typed surge-typed true true true Surge\Connection\TcpConnection"
int(0)
Workerman\Worker                                          same class as Surge\Worker
Workerman\Timer                                           same class as Surge\Timer
Workerman\Lib\Timer                                       same class as Surge\Timer
Workerman\Connection\ConnectionInterface                  same class as Surge\Connection\ConnectionInterface
Workerman\Connection\TcpConnection                        same class as Surge\Connection\TcpConnection
Workerman\Connection\AsyncTcpConnection                   same class as Surge\Connection\AsyncTcpConnection
Workerman\Connection\UdpConnection                        same class as Surge\Connection\UdpConnection
Workerman\Connection\AsyncUdpConnection                   same class as Surge\Connection\AsyncUdpConnection
Workerman\Protocols\ProtocolInterface                     same class as Surge\Protocols\ProtocolInterface
Workerman\Protocols\Http                                  same class as Surge\Protocols\Http
Workerman\Protocols\Websocket                             same class as Surge\Protocols\Websocket
Workerman\Protocols\Ws                                    same class as Surge\Protocols\Ws
Workerman\Protocols\Text                                  same class as Surge\Protocols\Text
Workerman\Protocols\Frame                                 same class as Surge\Protocols\Frame
Workerman\Protocols\Http\Request                          same class as Surge\Protocols\Http\Request
Workerman\Protocols\Http\Response                         same class as Surge\Protocols\Http\Response
Workerman\Protocols\Http\Chunk                            same class as Surge\Protocols\Http\Chunk
Workerman\Protocols\Http\ServerSentEvents                 same class as Surge\Protocols\Http\ServerSentEvents
Workerman\Protocols\Http\Session                          same class as Surge\Protocols\Http\Session
Workerman\Protocols\Http\Session\FileSessionHandler       same class as Surge\Protocols\Http\Session\FileSessionHandler
Workerman\Protocols\Http\Session\RedisSessionHandler      same class as Surge\Protocols\Http\Session\RedisSessionHandler
Workerman\Protocols\Http\Session\SessionHandlerInterface  same class as Surge\Protocols\Http\Session\SessionHandlerInterface
Workerman\Events\EventInterface                           same class as Surge\Events\EventInterface
Workerman\Events\Select                                   same class as Surge\Events\Select
Workerman\Events\Event                                    same class as Surge\Events\Event
Workerman\Events\Ev                                       same class as Surge\Events\Ev
Workerman\Events\Fiber                                    same class as Surge\Events\Fiber
Workerman\Events\Swoole                                   same class as Surge\Events\Swoole
Workerman\Events\Swow                                     same class as Surge\Events\Swow
new Workerman\Worker is a Surge\Worker, instanceof Surge\Worker: true
new Workerman Response instanceof Surge Response: true, Surge\Events\Select implements Workerman\Events\EventInterface: true
Surge[server.php] start in DEBUG mode
closed 1
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
--- without the switch ---
Workerman\Worker unknown
Workerman\Timer unknown
Workerman\Lib\Timer unknown
Workerman\Connection\ConnectionInterface unknown
Workerman\Connection\TcpConnection unknown
Workerman\Connection\AsyncTcpConnection unknown
Workerman\Connection\UdpConnection unknown
Workerman\Connection\AsyncUdpConnection unknown
Workerman\Protocols\ProtocolInterface unknown
Workerman\Protocols\Http unknown
Workerman\Protocols\Websocket unknown
Workerman\Protocols\Ws unknown
Workerman\Protocols\Text unknown
Workerman\Protocols\Frame unknown
Workerman\Protocols\Http\Request unknown
Workerman\Protocols\Http\Response unknown
Workerman\Protocols\Http\Chunk unknown
Workerman\Protocols\Http\ServerSentEvents unknown
Workerman\Protocols\Http\Session unknown
Workerman\Protocols\Http\Session\FileSessionHandler unknown
Workerman\Protocols\Http\Session\RedisSessionHandler unknown
Workerman\Protocols\Http\Session\SessionHandlerInterface unknown
Workerman\Events\EventInterface unknown
Workerman\Events\Select unknown
Workerman\Events\Event unknown
Workerman\Events\Ev unknown
Workerman\Events\Fiber unknown
Workerman\Events\Swoole unknown
Workerman\Events\Swow unknown
Surge\Worker exists
int(0)
