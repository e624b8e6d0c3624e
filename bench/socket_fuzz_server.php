<?php
// socket_fuzz_server.php - the server bench/socket_fuzz.py attacks: one worker process per
// protocol (http, websocket, text, frame, and text over TLS with FUZZ_TMP/cert.pem and
// key.pem), each echoing what it gets, plus a probe for the well-behaved client. Ports come
// from FUZZ_PORTS ("http,ws,text,frame,tls"); pid and log files go to FUZZ_TMP.
//
//   FUZZ_PORTS=18001,18002,18003,18004,18005 FUZZ_TMP=/tmp/x \
//     php -n -d extension=modules/surge.so bench/socket_fuzz_server.php start -q

use Surge\Connection\TcpConnection;
use Surge\Protocols\Http\Request;
use Surge\Worker;

[$httpPort, $wsPort, $textPort, $framePort, $tlsPort] = array_map('intval', explode(',', getenv('FUZZ_PORTS') ?: ''));
$tmp = rtrim(getenv('FUZZ_TMP') ?: sys_get_temp_dir(), '/');
Worker::$pidFile = "$tmp/fuzz.pid";
Worker::$logFile = "$tmp/fuzz.log";
Worker::$statusFile = "$tmp/fuzz.status";
// Small enough that the fuzzer reaches the limits (413, 1009, too-long lines) quickly.
TcpConnection::$defaultMaxPackageSize = 64 * 1024;

$http = new Worker("http://127.0.0.1:$httpPort");
$http->name = 'http';
// The probe: "<pid> <PHP memory in use>".
$probe = fn() => getmypid() . ' ' . memory_get_usage();
$http->onMessage = function (TcpConnection $c, Request $r) use ($probe) {
    $c->send($r->path() === '/pid' ? $probe() : 'echo ' . $r->method() . ' ' . $r->uri() . ' ' . strlen($r->rawBody()));
};
$ws = new Worker("websocket://127.0.0.1:$wsPort");
$ws->name = 'websocket';
$ws->onMessage = fn($c, $m) => $c->send($m === 'pid' ? $probe() : $m);
$text = new Worker("text://127.0.0.1:$textPort");
$text->name = 'text';
$text->onMessage = fn($c, $m) => $c->send($m === 'pid' ? $probe() : $m);
$frame = new Worker("frame://127.0.0.1:$framePort");
$frame->name = 'frame';
$frame->onMessage = fn($c, $m) => $c->send($m === 'pid' ? $probe() : $m);

$tls = new Worker("text://127.0.0.1:$tlsPort", ['ssl' => ['local_cert' => "$tmp/cert.pem", 'local_pk' => "$tmp/key.pem"]]);
$tls->name = 'tls';
$tls->transport = 'ssl';
$tls->onMessage = fn($c, $m) => $c->send($m === 'pid' ? $probe() : $m);

Worker::runAll();
