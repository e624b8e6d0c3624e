<?php
// The echo server of bench/reload_loss.sh, configured by the environment:
// RELOAD_ECHO_LISTEN (scheme://127.0.0.1:port: text, tcp, http or websocket),
// RELOAD_ECHO_DIR (pid and log files), RELOAD_ECHO_REUSEPORT (1/0),
// RELOAD_ECHO_MAXREQ (maxRequests, 0 = off). HTTP answers with the request's path.
use Surge\Worker;

$dir = getenv('RELOAD_ECHO_DIR');
Worker::$pidFile = "$dir/server.pid";
Worker::$logFile = "$dir/server.log";
Worker::$stdoutFile = "$dir/stdout.log";
$w = new Worker(getenv('RELOAD_ECHO_LISTEN'));
$w->name = 'echo';
$w->count = 2;
$w->reusePort = getenv('RELOAD_ECHO_REUSEPORT') === '1';
$w->maxRequests = (int)getenv('RELOAD_ECHO_MAXREQ');
$w->onMessage = str_starts_with(getenv('RELOAD_ECHO_LISTEN'), 'http:')
    ? function ($c, $request) { $c->send($request->path()); }
    : function ($c, $data) { $c->send($data); };
Worker::runAll();
