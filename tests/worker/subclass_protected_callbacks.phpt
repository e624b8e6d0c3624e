--TEST--
Worker: a Worker subclass may register its protected methods as callbacks and override run()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class MyWorker extends Worker {
    public string $greeting = 'hi';
    public function __construct(string $socketName) {
        parent::__construct($socketName);
        $this->onWorkerStart = [$this, 'started'];
        $this->onConnect = [$this, 'connected'];
        $this->onMessage = [$this, 'handle'];
        $this->onClose = [$this, 'closed'];
    }
    public function run(): void {
        Worker::log('run() of ' . static::class);
        parent::run();
    }
    protected function started($w) { Worker::log("started " . get_class($w) . " same " . var_export($w === $this, true)); }
    protected function connected($c) { $c->send("{$this->greeting} {$c->id}"); }
    protected function handle($c, $m) { $c->send(strtoupper($m) . ' ' . get_class($c->worker)); }
    protected function closed($c) { Worker::log("protected close {$c->id}"); }
}
$w = new MyWorker('text://127.0.0.1:' . TEST_PORT);
$w->greeting = 'hello';
$w->onWorkerStop = [$w, 'started'];
Worker::runAll();
PHP);
$c = $server->connect();
var_dump(read_line($c));
fwrite($c, "abc\n");
var_dump(read_line($c));
fclose($c);
$server->waitForLog('protected close 1');
var_dump($server->stop());
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
?>
--EXPECT--
string(7) "hello 1"
string(12) "ABC MyWorker"
int(0)
run() of MyWorker
started MyWorker same true
protected close 1
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
started MyWorker same true
Surge[server.php] has been stopped
