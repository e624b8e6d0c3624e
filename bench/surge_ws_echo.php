<?php
// surge_ws_echo.php - the Surge WebSocket server used by run_websocket.sh.
//
//   BENCH_PORT=18000 BENCH_TMP=/tmp/x \
//     php -n -d extension=/work/main/modules/surge.so bench/surge_ws_echo.php start -q
//
// One worker process (count = 1); every message is sent back unchanged, except
// "broadcast N": then N bytes of 'x' go to every connection with Worker::broadcast(),
// and the sender gets "cpu USER_US SYS_US COUNT" (this process's CPU time inside
// broadcast() and the number of connections it reached) for loadgen --mode ws-broadcast.
// Stop with SIGTERM to the master process or `... surge_ws_echo.php stop`.

use Surge\Worker;

$port = (int)(getenv('BENCH_PORT') ?: 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "surge_ws_echo.php: set BENCH_PORT to the port to listen on\n");
    exit(2);
}
$tmp = rtrim(getenv('BENCH_TMP') ?: sys_get_temp_dir(), '/');

Worker::$pidFile = "$tmp/surge_ws_echo.pid";
Worker::$logFile = "$tmp/surge_ws_echo.log";

$worker = new Worker("websocket://127.0.0.1:$port");
$worker->count = 1;
$worker->onMessage = function ($connection, string $message) use ($worker) {
    if (strncmp($message, 'broadcast ', 10) === 0) {
        $payload = str_repeat('x', (int)substr($message, 10));
        $before = getrusage();
        $count = $worker->broadcast($payload);
        $after = getrusage();
        $us = fn(array $r, string $k) => $r["ru_$k.tv_sec"] * 1e6 + $r["ru_$k.tv_usec"];
        $connection->send(sprintf('cpu %.0f %.0f %d', $us($after, 'utime') - $us($before, 'utime'),
            $us($after, 'stime') - $us($before, 'stime'), $count));
        return;
    }
    $connection->send($message);
};

Worker::runAll();
