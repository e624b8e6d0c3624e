--TEST--
Shared memory: a Lock (MUTEX or RWLOCK) held by a worker that gets SIGKILLed is acquired by another process; an RWLOCK is shared by readers and keeps writers out
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Lock;
$lock = new Lock(Lock::MUTEX);
$rw = new Lock(Lock::RWLOCK);
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function ($w) { Worker::log("started " . getmypid()); };
$w->onMessage = function ($c, $m) use ($lock, $rw) {
    $c->send(match ($m) {
        'hold' => var_export($lock->lock(), true) . ' ' . getmypid(),
        'try' => var_export($lock->trylock(), true),
        'wait' => var_export($lock->lockWait(10), true) . ' ' . var_export($lock->unlock(), true),
        'read' => var_export($rw->lock_read(), true) . ' ' . getmypid(),
        'writewait' => var_export($rw->lockWait(10), true) . ' ' . var_export($rw->unlock(), true),
        'tryread' => var_export($rw->trylock_read(), true) . ' ' . var_export($rw->unlock_read(), true),
        'trywrite' => var_export($rw->trylock(), true),
    });
};
Worker::runAll();
PHP);
$server->waitForLog('started', 10, 2);
$c = $server->connect();
fwrite($c, "hold\n");
[$held, $holder] = explode(' ', read_line($c));
echo "hold: $held\n";
$d = $server->connect();
fwrite($d, "try\n");
echo "try while held: ", read_line($d), "\n";
posix_kill((int)$holder, SIGKILL);
$server->waitForLog('started', 10, 3);   // the master replaced it
$e = $server->connect();
fwrite($e, "wait\n");
echo "after SIGKILL: ", read_line($e), "\n";
// A read lock does not keep other readers out, but keeps writers out.
fwrite($e, "read\n");
[$read, $reader] = explode(' ', read_line($e));
echo "read: $read\n";
$f = $server->connect();
fwrite($f, "tryread\n");
echo "second reader: ", read_line($f), "\n";
fwrite($f, "trywrite\n");
echo "writer: ", read_line($f), "\n";
// The reader dies holding its read lock: a writer gets the lock all the same.
posix_kill((int)$reader, SIGKILL);
$server->waitForLog('started', 10, 4);
$g = $server->connect();
fwrite($g, "writewait\n");
echo "writer after the reader's SIGKILL: ", read_line($g), "\n";
var_dump($server->stop());
?>
--EXPECT--
hold: true
try while held: false
after SIGKILL: true true
read: true
second reader: true true
writer: false
writer after the reader's SIGKILL: true true
int(0)
