--TEST--
Workerman switch: patterns of Workerman applications work: a Worker subclass overriding run() (calling parent::run()) registers its protected method as onMessage (also with per-callback fibers), $connection->id is writable and the new id is what later callbacks see, 'Class::method' strings work as callbacks and as Timer::add() callbacks
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class AppWorker extends Worker
{
    public function run(): void
    {
        $this->onMessage = [$this, 'handle'];
        Worker::log("{$this->name}: run() of " . static::class);
        parent::run();
    }

    protected function handle(TcpConnection $c, string $m): void
    {
        $c->send("{$this->name} handled $m for connection {$c->id}, in a fiber: " . var_export(Fiber::getCurrent() !== null, true));
    }
}

class Handlers
{
    public static function onConnect(TcpConnection $c): void
    {
        $old = $c->id;
        $c->id = 1000 + $old;
        Worker::log("{$c->worker->name}: connection $old is now {$c->id}");
    }

    public static function onClose(TcpConnection $c): void
    {
        Worker::log("{$c->worker->name}: close {$c->id}");
    }

    public static function tick(string $name, string $word): void
    {
        Worker::log("$name: Timer::add('Handlers::tick') fired with $word");
    }

    public static function start(Worker $w): void
    {
        Timer::add(0.01, 'Handlers::tick', [$w->name, 'args'], false);
    }
}

$plain = new AppWorker('text://127.0.0.1:' . TEST_PORT);
$plain->name = 'plain';
$fiber = new AppWorker('text://127.0.0.1:' . TEST_PORT2);
$fiber->name = 'fiber';
$fiber->eventLoop = Workerman\Events\Fiber::class;
foreach ([$plain, $fiber] as $w) {
    $w->onWorkerStart = 'Handlers::start';
    $w->onConnect = 'Handlers::onConnect';
    $w->onClose = 'Handlers::onClose';
}
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog("Timer::add('Handlers::tick') fired", 10, 2);
foreach ([$server->port, $server->port2] as $port) {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5);
    fwrite($c, "hello\n");
    var_dump(read_line($c));
    fclose($c);
}
$server->waitForLog('plain: close 1001');
$server->waitForLog('fiber: close 1001');
var_dump($server->stop());
// Each worker's lines in order (the two processes' lines interleave in no fixed way).
$log = $server->logMessages();
echo implode("\n", preg_grep('/^plain:/', $log)), "\n", implode("\n", preg_grep('/^fiber:/', $log)), "\n";
?>
--EXPECT--
string(58) "plain handled hello for connection 1001, in a fiber: false"
string(57) "fiber handled hello for connection 1001, in a fiber: true"
int(0)
plain: run() of AppWorker
plain: Timer::add('Handlers::tick') fired with args
plain: connection 1 is now 1001
plain: close 1001
fiber: run() of AppWorker
fiber: Timer::add('Handlers::tick') fired with args
fiber: connection 1 is now 1001
fiber: close 1001
