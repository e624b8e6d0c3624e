<?php
/*
 * One Workerman 5 application, unchanged for both runs of bench/workerman_compat.sh:
 * Workerman itself (its source through BENCH_AUTOLOAD) and Surge with surge.workerman=1
 * (the same autoloader is registered, and never asked for a Workerman class).
 * BENCH_KIND picks the worker: http (hello), ws (echo) or text (echo); BENCH_PORT its port.
 */
use Workerman\Worker;

require getenv('BENCH_AUTOLOAD');

$port = (int)getenv('BENCH_PORT');
$dir = getenv('BENCH_TMP');
Worker::$pidFile = "$dir/bench.pid";
Worker::$logFile = "$dir/bench.log";
Worker::$statusFile = "$dir/bench.status";

switch (getenv('BENCH_KIND')) {
    case 'http':
        $worker = new Worker("http://127.0.0.1:$port");
        $worker->onMessage = function ($connection, $request) {
            $connection->send('Hello, World!');
        };
        break;
    case 'ws':
        $worker = new Worker("websocket://127.0.0.1:$port");
        $worker->onMessage = function ($connection, $data) {
            $connection->send($data);
        };
        break;
    default:
        $worker = new Worker("text://127.0.0.1:$port");
        $worker->onMessage = function ($connection, $data) {
            $connection->send($data);
        };
}
$worker->name = 'bench';
$worker->count = 1;
Worker::runAll();
