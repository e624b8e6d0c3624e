--TEST--
Errors: a fatal error in onWorkerStart, in onBufferFull during a broadcast, or in a timer ends only that worker process with 255; the log names the callback and the error; the master starts a new process, which serves
--FILE--
<?php
require __DIR__ . '/../websocket/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->name = 'doomed';
$w->onWorkerStart = function ($w) {
    // The first process dies at start; the next ones start normally.
    if (!file_exists(TEST_DIR . '/started-once')) {
        touch(TEST_DIR . '/started-once');
        trigger_error('dies at start', E_USER_ERROR);
    }
    Worker::log('started ' . getmypid());
};
$w->onWebSocketConnect = function ($c, $r) {
    if ($r->path() === '/tiny') {
        $c->maxSendBufferSize = 1;
    }
};
$w->onBufferFull = function ($c) {
    Worker::log("onBufferFull {$c->id}");
    trigger_error('dies in onBufferFull', E_USER_ERROR);
};
$w->onMessage = function ($c, $m) use ($w) {
    if ($m === 'broadcast') {
        $w->broadcast(str_repeat('x', 8 << 20));
        Worker::log('broadcast returned');  // never: onBufferFull died during it
        return;
    }
    if ($m === 'timer') {
        Timer::add(0.001, function () { trigger_error('dies in a timer', E_USER_ERROR); }, [], false);
        $c->send('timer set');
        return;
    }
    $c->send(getmypid() . " $m");
};
PHP);
$log = $server->waitForLog('started ');
var_dump(str_contains($log, "onWorkerStart ended with a fatal error: dies at start in {$server->dir}/server.php:"));
var_dump(preg_match('/worker\[doomed:(\d+)\] exit code 255/', $log) === 1);

// onBufferFull during a broadcast: a connection that never reads, with a 1-byte mark.
$tiny = WsClient::open($server, '/tiny');
$talker = WsClient::open($server, '/');
$talker->send('who');
[$pid] = explode(' ', $talker->read()['payload']);
$talker->send('broadcast');
var_dump($talker->closed(10));
$log = $server->waitForLog('started ', 10, 2);
var_dump(str_contains($log, "worker[doomed:$pid] onBufferFull of connection 1 ended with a fatal error: dies in onBufferFull in"));
var_dump(str_contains($log, 'broadcast returned'));
var_dump(str_contains($log, "worker[doomed:$pid] exit code 255"));

// A timer.
$ws = WsClient::open($server, '/');
$ws->send('who');
[$pid] = explode(' ', $ws->read()['payload']);
$ws->send('timer');
var_dump($ws->read()['payload'], $ws->closed(10));
$log = $server->waitForLog('started ', 10, 3);
var_dump(str_contains($log, "worker[doomed:$pid] Timer callback ended with a fatal error: dies in a timer in"));

// The newest process serves.
$ws = WsClient::open($server, '/');
$ws->send('hello');
var_dump(str_ends_with($ws->read()['payload'], ' hello'));
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
string(9) "timer set"
bool(true)
bool(true)
bool(true)
int(0)
