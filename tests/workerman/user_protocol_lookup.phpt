--TEST--
Workerman switch: a scheme names a user protocol as in Workerman: myproto:// takes Protocols\Myproto before Workerman\Protocols\Myproto, and a class that exists only as Workerman\Protocols\Onlywm (here autoloaded, as Composer would) is found for onlywm://
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// A line protocol whose encode() marks which class did the work.
const PROTOCOL = <<<'CODE'
    public static function input(string $buffer, $connection): int {
        $pos = strpos($buffer, "\n");
        return $pos === false ? 0 : $pos + 1;
    }
    public static function decode(string $buffer, $connection): string {
        return rtrim($buffer, "\n");
    }
    public static function encode($data, $connection): string {
        return static::class . ": $data\n";
    }
CODE;
eval("namespace Protocols; class Myproto {" . PROTOCOL . "}");
eval("namespace Workerman\Protocols; class Myproto {" . PROTOCOL . "}");
file_put_contents(TEST_DIR . '/Onlywm.php', "<?php\nnamespace Workerman\Protocols;\nclass Onlywm {" . PROTOCOL . "}\n");
spl_autoload_register(function (string $class) {
    file_put_contents(TEST_DIR . '/asked', "$class\n", FILE_APPEND);
    if ($class === 'Workerman\Protocols\Onlywm') {
        require TEST_DIR . '/Onlywm.php';
    }
});
$my = new Worker('myproto://127.0.0.1:' . TEST_PORT);
$only = new Worker('onlywm://127.0.0.1:' . TEST_PORT2);
foreach ([$my, $only] as $w) {
    $w->onWorkerStart = function (Worker $w) { Worker::log("{$w->getSocketName()} protocol {$w->protocol}"); };
    $w->onMessage = function (TcpConnection $c, string $m) { $c->send("$m via {$c->protocol}"); };
}
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$c = $server->connect();
fwrite($c, "one\n");
var_dump(read_line($c));
$c2 = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
fwrite($c2, "two\n");
var_dump(read_line($c2));
$server->waitForLog('protocol', 10, 2);
var_dump($server->stop());
$log = preg_grep('/ protocol /', $server->logMessages());
sort($log);
echo implode("\n", $log), "\n";
echo "autoloader asked for:\n", file_get_contents($server->dir . '/asked');
?>
--EXPECTF--
string(45) "Protocols\Myproto: one via \Protocols\Myproto"
string(63) "Workerman\Protocols\Onlywm: two via \Workerman\Protocols\Onlywm"
int(0)
myproto://127.0.0.1:%d protocol \Protocols\Myproto
onlywm://127.0.0.1:%d protocol \Workerman\Protocols\Onlywm
autoloader asked for:
Protocols\Onlywm
Workerman\Protocols\Onlywm
