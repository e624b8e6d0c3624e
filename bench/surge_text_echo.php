<?php
// surge_text_echo.php - the Surge text echo server used by run_text_echo.sh.
//
//   BENCH_PORT=18000 BENCH_TMP=/tmp/x \
//     php -n -d extension=/work/main/modules/surge.so bench/surge_text_echo.php start -q
//
// One worker process (count = 1); every received line is sent back unchanged
// (the text protocol strips the "\n" on decode and appends it on send).
// Stop with SIGTERM to the master process or `... surge_text_echo.php stop`.

use Surge\Worker;

$port = (int)(getenv('BENCH_PORT') ?: 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "surge_text_echo.php: set BENCH_PORT to the port to listen on\n");
    exit(2);
}
$tmp = rtrim(getenv('BENCH_TMP') ?: sys_get_temp_dir(), '/');

Worker::$pidFile = "$tmp/surge_text_echo.pid";
Worker::$logFile = "$tmp/surge_text_echo.log";

$worker = new Worker("text://127.0.0.1:$port");
$worker->count = 1;
$worker->onMessage = function ($connection, string $line) {
    $connection->send($line);
};

Worker::runAll();
