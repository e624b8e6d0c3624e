<?php
// surge_https_hello.php - the Surge HTTPS server of tls.sh, the counterpart of
// bench/nginx_tls.conf: one worker process, "Hello, World!" on every path.
//
//   BENCH_PORT=18443 BENCH_TMP=/tmp/x BENCH_CERT=cert.pem BENCH_KEY=key.pem \
//     php -n -d extension=/work/main/modules/surge.so bench/surge_https_hello.php start -q

use Surge\Connection\TcpConnection;
use Surge\Protocols\Http\Request;
use Surge\Worker;

$port = (int)(getenv('BENCH_PORT') ?: 0);
if ($port <= 0 || $port > 65535 || !getenv('BENCH_CERT') || !getenv('BENCH_KEY')) {
    fwrite(STDERR, "surge_https_hello.php: set BENCH_PORT, BENCH_CERT and BENCH_KEY\n");
    exit(2);
}
$tmp = rtrim(getenv('BENCH_TMP') ?: sys_get_temp_dir(), '/');
Worker::$pidFile = "$tmp/surge_https_hello.pid";
Worker::$logFile = "$tmp/surge_https_hello.log";

$worker = new Worker("https://127.0.0.1:$port", [
    'ssl' => ['local_cert' => getenv('BENCH_CERT'), 'local_pk' => getenv('BENCH_KEY')],
]);
$worker->count = 1;
$worker->onMessage = function (TcpConnection $connection, Request $request) {
    $connection->send('Hello, World!');
};

Worker::runAll();
