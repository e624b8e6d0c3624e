--TEST--
Process: a worker whose PHP memory passes maxMemory is replaced by a fresh process and the master logs it
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
$w->name = 'leaky';
$w->maxMemory = 8 * 1024 * 1024;
$w->onMessage = function ($c, $m) {
    static $leak = [];
    if ($m === 'leak') $leak[] = str_repeat('x', 4 * 1024 * 1024);
    $c->send(getmypid() . ' ' . count($leak));
};
Worker::runAll();
PHP);
$first = $server->waitForChildren(1)[0];
$c = $server->connect();
$n = 0;
foreach (['leak', 'leak', 'leak'] as $m) { fwrite($c, "$m\n"); echo read_line($c) === "$first " . ++$n ? "ok\n" : "wrong\n"; }
$server->waitForLog('maxMemory 8388608');
$deadline = microtime(true) + 10;
while (in_array($first, $server->children(), true) && microtime(true) < $deadline) usleep(20000);
$c2 = $server->connect();
fwrite($c2, "hi\n");
[$pid, $count] = explode(' ', read_line($c2));
echo "fresh process: ", var_export((int)$pid !== $first, true), ", its memory: $count\n";
echo preg_replace('/\d+ bytes/', 'N bytes', preg_grep('/maxMemory/', $server->logMessages())[array_key_first(preg_grep('/maxMemory/', $server->logMessages()))]), "\n";
var_dump($server->stop());
?>
--EXPECTF--
ok
ok
ok
fresh process: true, its memory: 0
worker[leaky:%d] uses N bytes of PHP memory (maxMemory 8388608): replacing it with a fresh process
int(0)
