--TEST--
Worker: message callbacks declared by reference, static closures, first-class callables and bound methods all receive the message
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
class Handler {
    public string $prefix = 'bound';
    public function handle($c, string $m) { $c->send("{$this->prefix}:$m"); }
}
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    $h = new Handler();
    $forms = [
        'byref' => function ($c, &$m) { $m = "ref:$m"; $c->send($m); },
        'static' => static function ($c, $m) { $c->send("static:$m"); },
        'firstclass' => $h->handle(...),
        'variadic' => function (...$args) { $args[0]->send('variadic:' . count($args) . ':' . $args[1]); },
    ];
    $c->forms = $forms;
};
$w->onMessage = function ($c, $m) {
    [$form, $text] = explode(' ', $m, 2);
    $cb = $c->forms[$form];
    $c->onMessage = $cb;   // the next message goes straight to this form
    $c->send("using $form");
};
Worker::runAll();
PHP);
foreach (['byref', 'static', 'firstclass', 'variadic'] as $form) {
    $c = $server->connect();
    fwrite($c, "$form x\n");
    echo read_line($c), "\n";
    fwrite($c, "hello\n");
    echo read_line($c), "\n";
    fclose($c);
}
var_dump($server->stop());
?>
--EXPECT--
using byref
ref:hello
using static
static:hello
using firstclass
bound:hello
using variadic
variadic:2:hello
int(0)
