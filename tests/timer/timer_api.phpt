--TEST--
Timer: ids start at 1; persistent timers repeat, one-shot timers fire once; args are passed; del() (also from the own callback), delAll(), repeat(), delay()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker();
$w->onWorkerStart = function () {
    $na = 0;
    $a = Timer::add(0.01, function ($x, $y) use (&$na) {
        Worker::log("a $x $y " . ++$na);
        if ($na === 5) {
            Timer::delAll();
            Worker::log("delAll");
            $fresh = Timer::add(0.01, function () use (&$fresh) {
                Worker::log("fresh $fresh");
                Timer::del($fresh);
                // Any timer that outlived delAll() (all ran every 0.01 s) fires before this one.
                Timer::add(0.05, function () { Worker::log("last"); }, [], false);
            });
        }
    }, ['p', 'q']);
    $b = Timer::add(0.01, function () { Worker::log("once"); }, [], false);
    $nc = 0;
    $c = Timer::repeat(0.01, function () use (&$nc, &$c) {
        Worker::log("self " . ++$nc);
        if ($nc === 3) {
            Worker::log("del self " . var_export(Timer::del($c), true) . ' ' . var_export(Timer::del($c), true));
        }
    });
    $d = Timer::delay(0.02, function (...$args) { Worker::log("delayed " . json_encode($args)); }, ['k' => 'named']);
    $e = Timer::add(0.01, function () { Worker::log("never"); });
    Worker::log("ids $a $b $c $d $e");
    Worker::log("del " . var_export(Timer::del($e), true) . ' ' . var_export(Timer::del($e), true) . ' ' . var_export(Timer::del(999), true));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('last');
$log = array_slice($server->logMessages(), 1);
echo implode("\n", array_slice($log, 0, 2)), "\n";
$rest = array_slice($log, 2);
$count = fn($prefix) => count(array_filter($rest, fn($l) => str_starts_with($l, $prefix)));
var_dump($count('a p q'), $count('once'), $count('self '), $count('delayed'), $count('never'), $count('fresh'));
$after = array_slice($rest, array_search('delAll', $rest) + 1);
print_r($after);
// Both happen before the fifth tick of "a" (which deletes every timer).
$before = array_slice($rest, 0, array_search('a p q 5', $rest));
var_dump(in_array('del self true false', $before), in_array('delayed {"k":"named"}', $before));
var_dump($server->stop());
?>
--EXPECT--
ids 1 2 3 4 5
del true false false
int(5)
int(1)
int(3)
int(1)
int(0)
int(1)
Array
(
    [0] => fresh 6
    [1] => last
)
bool(true)
bool(true)
int(0)
