--TEST--
Worker: defaults, name/count/socket name as set; each child sees its own id 0..count-1; getAllWorkers() in master and child
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('Text://127.0.0.1:' . TEST_PORT);
echo json_encode([$w->id, $w->name, $w->count, $w->transport, $w->protocol, $w->reusePort, $w->reloadable,
    $w->connections, $w->stopping, $w->getSocketName(), Worker::isRunning(), Worker::getStatus()]), "\n";
$w->name = 'multi';
$w->count = 3;
$t = new Worker();
$t->name = 'timers';
echo json_encode([$t->getSocketName(), count(Worker::getAllWorkers()), Worker::getAllWorkers()[0] === $w, Worker::getAllWorkers()[1] === $t]), "\n";
$w->onWorkerStart = function ($w) use ($t) {
    $all = Worker::getAllWorkers();
    Worker::log("start id={$w->id} name={$w->name} count={$w->count} transport={$w->transport} protocol={$w->protocol} socket=" . $w->getSocketName()
        . " status=" . Worker::getStatus() . " running=" . var_export(Worker::isRunning(), true)
        . " all=" . count($all) . " self=" . var_export(in_array($w, $all, true), true) . " other=" . var_export(in_array($t, $all, true), true));
};
$t->onWorkerStart = function ($t) { Worker::log("timers id={$t->id} socket=" . $t->getSocketName() . " all=" . count(Worker::getAllWorkers())); };
Worker::runAll();
PHP);
$server->waitForChildren(4);
$server->waitForLog('start id=', 10, 3);
$server->waitForLog('timers id=');
$lines = array_slice($server->logMessages(), 1);
sort($lines);
echo str_replace((string)$server->port, 'PORT', implode("\n", $lines)), "\n";
var_dump($server->stop());
echo strstr($server->output(), "Surge[server.php] start", true);
?>
--EXPECTF--
start id=0 name=multi count=3 transport=tcp protocol=\Surge\Protocols\Text socket=text://127.0.0.1:PORT status=2 running=true all=1 self=true other=false
start id=1 name=multi count=3 transport=tcp protocol=\Surge\Protocols\Text socket=text://127.0.0.1:PORT status=2 running=true all=1 self=true other=false
start id=2 name=multi count=3 transport=tcp protocol=\Surge\Protocols\Text socket=text://127.0.0.1:PORT status=2 running=true all=1 self=true other=false
timers id=0 socket=none all=1
int(0)
[0,"none",1,"tcp",null,false,true,[],false,"text:\/\/127.0.0.1:%d",false,0]
["none",2,true,true]
