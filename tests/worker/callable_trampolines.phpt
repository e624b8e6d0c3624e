--TEST--
Worker: __call and __callStatic callables work as callbacks and timer callbacks, again and again
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class Magic {
    public int $calls = 0;
    public function __call($name, $args) {
        $this->calls++;
        if ($name === 'tick') {
            Worker::log("tick {$this->calls} " . implode(',', $args));
            return;
        }
        [$c, $m] = $args;
        $c->send("$name {$this->calls} $m");
    }
    public static function __callStatic($name, $args) { $args[0]->send("static $name {$args[0]->id}"); }
}
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = 'Magic::greet';
$w->onMessage = [new Magic(), 'answer'];
$w->onWorkerStart = function () {
    $m = new Magic();
    Timer::add(0.01, [$m, 'tick'], ['a', 'b']);
};
Worker::runAll();
PHP);
for ($i = 1; $i <= 2; $i++) {
    $c = $server->connect();
    var_dump(read_line($c));
    fwrite($c, "x\ny\n");
    var_dump(read_line($c), read_line($c));
}
$server->waitForLog('tick 3 a,b');
var_dump($server->stop());
?>
--EXPECT--
string(14) "static greet 1"
string(10) "answer 1 x"
string(10) "answer 2 y"
string(14) "static greet 2"
string(10) "answer 3 x"
string(10) "answer 4 y"
int(0)
