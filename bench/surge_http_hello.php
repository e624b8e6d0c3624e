<?php
// surge_http_hello.php - the Surge HTTP server used by run_http.sh.
//
//   BENCH_PORT=18000 BENCH_TMP=/tmp/x \
//     php -n -d extension=/work/main/modules/surge.so bench/surge_http_hello.php start -q
//
// One worker process (count = 1), the counterpart of bench/nginx_hello.conf:
//   POST /upload  answers the size of the body received (uploads up to 200 MB)
//   GET /1mb      a 1,048,576-byte response (the string is built once)
//   anything else "Hello, World!"
// Stop with SIGTERM to the master process or `... surge_http_hello.php stop`.

use Surge\Connection\TcpConnection;
use Surge\Protocols\Http\Request;
use Surge\Worker;

$port = (int)(getenv('BENCH_PORT') ?: 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "surge_http_hello.php: set BENCH_PORT to the port to listen on\n");
    exit(2);
}
$tmp = rtrim(getenv('BENCH_TMP') ?: sys_get_temp_dir(), '/');

Worker::$pidFile = "$tmp/surge_http_hello.pid";
Worker::$logFile = "$tmp/surge_http_hello.log";
// The 100 MB upload plus its head must fit in one request, and PHP's heap must
// hold the request and the rawBody() string (`php -n` means memory_limit=128M).
TcpConnection::$defaultMaxPackageSize = 200 * 1024 * 1024;
ini_set('memory_limit', '1G');

// bench/metrics_scrape.sh: the Prometheus endpoint, e.g. BENCH_METRICS=http://127.0.0.1:9100.
if (getenv('BENCH_METRICS')) {
    Worker::$metricsListen = getenv('BENCH_METRICS');
}

$oneMb = str_repeat('x', 1024 * 1024);

$worker = new Worker("http://127.0.0.1:$port");
$worker->count = 1;
// bench/access_log_cost.sh: BENCH_ACCESS_LOG=combined|common|json writes $tmp/access.log.
if (getenv('BENCH_ACCESS_LOG')) {
    $worker->accessLog = "$tmp/access.log";
    $worker->accessLogFormat = getenv('BENCH_ACCESS_LOG');
}
$worker->onMessage = function (TcpConnection $connection, Request $request) use ($oneMb) {
    // The hello path does the least work: one path() call, then the send.
    $path = $request->path();
    if ($path === '/1mb') {
        $connection->send($oneMb);
    } elseif ($path === '/upload') {
        $connection->send((string)strlen($request->rawBody()));
    } else {
        $connection->send('Hello, World!');
    }
};

Worker::runAll();
