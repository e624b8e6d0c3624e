--TEST--
Shared memory: a Table filled in the master is read by 2 worker processes, which increment shared rows concurrently to an exact total and answer requests from the same rows
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Table;
$table = new Table(1024);
$table->column('hits', Table::TYPE_INT);
$table->column('ratio', Table::TYPE_FLOAT);
$table->column('owner', Table::TYPE_STRING, 32);
$table->create();
$table->set('config', ['owner' => 'master', 'hits' => 7, 'ratio' => 0.5]);
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function ($w) use ($table) {
    $row = $table->get('config');
    Worker::log("worker {$w->id} sees {$row['owner']} {$row['hits']} {$row['ratio']}");
    for ($i = 0; $i < 20000; $i++) {
        $table->incr('total', 'hits');
        $table->incr('total', 'ratio', 0.5);
        $table->set("w{$w->id}-" . ($i % 100), ['hits' => $i, 'owner' => "worker {$w->id}"]);
    }
    Worker::log("worker {$w->id} done");
};
$w->onMessage = function ($c, $m) use ($table) {
    [$cmd, $key] = explode(' ', $m) + [1 => ''];
    $c->send(match ($cmd) {
        'get' => json_encode($table->get($key)),
        'count' => (string)count($table),
        'keys' => (string)count(iterator_to_array($table)),
        'set' => var_export($table->set($key, ['owner' => 'pid ' . getmypid()]), true),
    });
};
Worker::runAll();
PHP);
$server->waitForLog('done', 10, 2);
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'sees')) echo preg_replace('/^.*(worker \d sees)/', '$1', $line), "\n";
}
$c = $server->connect();
$ask = function (string $q) use ($c) { fwrite($c, "$q\n"); return read_line($c); };
echo $ask('get total'), "\n";         // 2 x 20000, exact
echo $ask('count'), "\n";             // config + total + 2 x 100 rows of each worker
echo $ask('keys'), "\n";              // iteration sees every row once
echo $ask('get w1-99'), "\n";
echo $ask('get nothing'), "\n";
echo $ask('set fromclient'), "\n";
$d = $server->connect();
fwrite($d, "get fromclient\n");
var_dump(str_starts_with(read_line($d), '{"hits":0,"ratio":0,"owner":"pid '));
var_dump($server->stop());
?>
--EXPECTF--
worker %d sees master 7 0.5
worker %d sees master 7 0.5
{"hits":40000,"ratio":20000,"owner":""}
202
202
{"hits":19999,"ratio":0,"owner":"worker 1"}
false
true
bool(true)
int(0)
