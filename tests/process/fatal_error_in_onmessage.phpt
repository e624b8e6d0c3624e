--TEST--
Errors: a PHP fatal error in onMessage kills only that child; the master logs exit code 255 and restarts it
--SKIPIF--
<?php
// PHP counts memory only in its own allocator; scripts/asan-phpt.sh turns it off.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip needs PHP memory accounting (USE_ZEND_ALLOC=0)');
?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'fatal';
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("started {$w->id} " . getmypid()); };
$w->onMessage = function ($c, $m) {
    if ($m === 'fatal') {
        ini_set('memory_limit', '16M');
        $big = str_repeat('x', 64 << 20);
    }
    $c->send(getmypid() . " $m");
};
Worker::runAll();
PHP);
$before = $server->waitForChildren(2);
$server->waitForLog('started ', 10, 2);
$a = $server->connect();
fwrite($a, "who\n");
[$victim] = explode(' ', read_line($a));
$survivor = array_values(array_diff($before, [$victim]))[0];
fwrite($a, "fatal\n");
var_dump(wait_closed($a));
$server->waitForLog('started ', 10, 3);
$after = $server->waitForChildren(2);
var_dump(in_array($survivor, $after), !in_array((int)$victim, $after));
$new = array_values(array_diff($after, [$survivor]))[0];
// The next connections are served (by the survivor or the new child).
for ($i = 0; $i < 4; $i++) {
    $c = $server->connect();
    fwrite($c, "ping\n");
    $reply = read_line($c);
    var_dump($reply === "$survivor ping" || $reply === "$new ping");
}
var_dump(substr_count($server->log(), "worker[fatal:$victim] exit code 255 (PHP fatal error, see the log above)"));
var_dump(preg_match("/started (\d) $new/", $server->log(), $m) === 1, preg_match("/started {$m[1]} $victim/", $server->log()));
echo $server->output();
var_dump($server->stop());
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
bool(true)
int(1)
%AFatal error: Allowed memory size of 16777216 bytes exhausted %s in %s/server.php on line %d
%Aworker[fatal:%d] exit code 255 (PHP fatal error, see the log above)
%Aint(0)
