--TEST--
Protocols: Worker::$protocol set explicitly on a tcp:// worker (a built-in class or a user class) frames the connection
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$second = TestServer::freePort();
$server = TestServer::start("const SECOND_PORT = $second;\n" . <<<'PHP'
class Upper {
    public static function input($buffer) { return strlen($buffer) >= 3 ? 3 : 0; }
    public static function decode($buffer) { return strtoupper($buffer); }
    public static function encode($data) { return "[$data]"; }
}
$f = new Worker('tcp://127.0.0.1:' . TEST_PORT);
$f->protocol = '\Surge\Protocols\Frame';
$f->onMessage = function ($c, $m) { $c->send("frame:$m"); };
$u = new Worker('tcp://127.0.0.1:' . SECOND_PORT);
$u->protocol = 'Upper';
$u->onWorkerStart = function ($w) { Worker::log("protocols " . implode(' ', array_map(fn($w) => $w->protocol, [$w]))); };
$u->onMessage = function ($c, $m) { $c->send("$m/{$c->protocol}"); };
Worker::runAll();
PHP);
$server->waitForLog('protocols');
$a = $server->connect();
fwrite($a, frame("x") . frame("yz"));
var_dump(read_bytes($a, 11) === frame("frame:x"), read_bytes($a, 12) === frame("frame:yz"));
$b = stream_socket_client("tcp://127.0.0.1:$second", $errno, $errstr, 5);
stream_set_timeout($b, 5);
fwrite($b, "abcdefg");
var_dump(read_bytes($b, 24));
echo $server->logMessages()[1], "\n";
var_dump($server->stop());

foreach (['NoSuchProtocol', 'Incomplete'] as $class) {
    $bad = TestServer::spawn(<<<PHP
class Incomplete { public static function input(\$b) { return 0; } public static function decode(\$b) { return \$b; } }
\$w = new Worker('tcp://127.0.0.1:' . TEST_PORT);
\$w->protocol = '$class';
\$w->onWorkerStart = function () { Worker::log('child started'); };
Worker::runAll();
PHP);
    var_dump($bad->wait(10));
    echo $bad->output();
}
?>
--EXPECTF--
bool(true)
bool(true)
string(24) "[ABC/\Upper][DEF/\Upper]"
protocols \Upper
int(0)
int(255)
Fatal error: Uncaught RuntimeException: Surge\Worker::$protocol names class NoSuchProtocol, which does not exist in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
int(255)
Fatal error: Uncaught RuntimeException: protocol class Incomplete must have public static methods input(), decode() and encode() in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
