<?php
// soak_server.php - the server bench/soak.py drives: one HTTP worker process and one
// WebSocket worker process (count = 1 each). Each answers a probe with its pid and PHP's
// memory in use, so the soak can sample both without the status board's half-second lag:
//   HTTP  GET /probe      -> "<pid> <memory_get_usage()>"
//   WS    text "probe"    -> the same
// everything else gets a fixed answer (HTTP "Hello, World!", WebSocket the message back).
// Ports come from SOAK_HTTP_PORT and SOAK_WS_PORT; pid and log files go to SOAK_TMP.

use Surge\Protocols\Http\Request;
use Surge\Worker;

$tmp = rtrim(getenv('SOAK_TMP') ?: sys_get_temp_dir(), '/');
Worker::$pidFile = "$tmp/soak.pid";
Worker::$logFile = "$tmp/soak.log";
Worker::$statusFile = "$tmp/soak.status";

$probe = fn() => getmypid() . ' ' . memory_get_usage();

$http = new Worker('http://127.0.0.1:' . (int)getenv('SOAK_HTTP_PORT'));
$http->name = 'http';
$http->onMessage = function ($c, Request $r) use ($probe) {
    $c->send($r->path() === '/probe' ? $probe() : 'Hello, World!');
};
$ws = new Worker('websocket://127.0.0.1:' . (int)getenv('SOAK_WS_PORT'));
$ws->name = 'websocket';
$ws->onMessage = fn($c, $m) => $c->send($m === 'probe' ? $probe() : $m);

Worker::runAll();
