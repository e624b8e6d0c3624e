--TEST--
Application metrics: three worker processes and the master update counters, gauges and histograms; any worker's Metrics::render() shows the exact totals, and promtool accepts it
--SKIPIF--
<?php if (!is_executable('/usr/bin/promtool') && trim((string)shell_exec('command -v promtool')) === '') die('skip promtool not installed (apt-get install prometheus)'); ?>
--FILE--
<?php
require __DIR__ . '/metrics.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Metrics;
use Surge\Protocols\Http\Request;

$requests = Metrics::counter('app_requests_total', 'Requests by method and status.', ['method', 'code']);
$started = Metrics::counter('app_worker_starts_total', 'Worker processes started.');
$ticks = Metrics::counter('app_master_ticks_total', 'Timer runs in the master.');
$busy = Metrics::gauge('app_busy_workers', 'Workers up, "quoted" \\ help.', ['pool']);
$latency = Metrics::histogram('app_latency_seconds', 'Request latency.', ['route'], [0.1, 0.5, 1]);
$size = Metrics::histogram('app_payload_bytes', 'Payload sizes (default buckets).');

// A timer set before runAll() runs in the master: the master writes to the same series.
Timer::add(0.01, fn() => $ticks->inc(), [], false);

$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->count = 3;
// One listening socket per process: the kernel spreads connections over them by address
// hash, so the requests below land in several processes (a shared socket could let one
// process take them all).
$w->reusePort = true;
$w->onWorkerStart = function () use ($started, $busy) {
    $started->inc();
    $busy->inc(1, ['pool' => 'web']);
    // Declaring again returns an equivalent object for the same series.
    Metrics::gauge('app_busy_workers', 'Workers up, "quoted" \\ help.', ['pool'])->inc(labelValues: ['web']);
    $busy->dec(1, ['web']);
};
$w->onMessage = function ($c, Request $r) use ($requests, $latency, $size) {
    switch ($r->path()) {
        case '/pid':
            $c->send((string)getmypid());
            return;
        case '/hit':
            $requests->inc(1, [$r->get('method'), (int)$r->get('code')]);
            $latency->observe((float)$r->get('t'), ['route' => $r->get('route')]);
            $size->observe(strlen($r->get('method')) * 0.25);
            $c->send((string)getmypid());
            return;
        case '/metrics':
            $c->send(Metrics::render());
            return;
    }
};
Worker::runAll();
PHP);

// Requests on new connections until two worker processes have answered (the kernel spreads
// connections over them), then as many requests again: all of them are counted wherever
// they land.
$pids = [];
// Durations that binary doubles hold exactly, so that the sums are exact too.
$hits = [['GET', 200, '/a', 0.0625], ['GET', 200, '/a', 0.25], ['POST', 201, '/b', 0.75],
         ['GET', 404, '/a', 3], ['POST', 201, '/b', 0.125]];
$sent = 0;
for ($round = 0; $round < 40 && (count($pids) < 2 || $round < 4); $round++) {
    foreach ($hits as [$method, $code, $route, $t]) {
        $pids[http_get($server->port, "/hit?method=$method&code=$code&route=$route&t=$t")] = true;
        $sent++;
    }
}
echo 'processes that counted: ', count($pids) >= 2 ? 'several' : 'one', "\n";
$rounds = $sent / count($hits);

$text = wait_for(function () use ($server) {
    $t = http_get($server->port, '/metrics');
    return str_contains($t, "app_worker_starts_total 3\n") && str_contains($t, "app_master_ticks_total 1\n") ? $t : null;
}, 'three worker starts and the master tick in the metrics');

// Every sample, with the rounds factored out so that the expected text is fixed.
$expected = <<<TXT
# HELP app_requests_total Requests by method and status.
# TYPE app_requests_total counter
app_requests_total{method="GET",code="200"} %2
app_requests_total{method="GET",code="404"} %1
app_requests_total{method="POST",code="201"} %2
# HELP app_worker_starts_total Worker processes started.
# TYPE app_worker_starts_total counter
app_worker_starts_total 3
# HELP app_master_ticks_total Timer runs in the master.
# TYPE app_master_ticks_total counter
app_master_ticks_total 1
# HELP app_busy_workers Workers up, "quoted" \\\\ help.
# TYPE app_busy_workers gauge
app_busy_workers{pool="web"} 3
# HELP app_latency_seconds Request latency.
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{route="/a",le="0.1"} %1
app_latency_seconds_bucket{route="/a",le="0.5"} %2
app_latency_seconds_bucket{route="/a",le="1"} %2
app_latency_seconds_bucket{route="/a",le="+Inf"} %3
app_latency_seconds_sum{route="/a"} %3.3125
app_latency_seconds_count{route="/a"} %3
app_latency_seconds_bucket{route="/b",le="0.1"} 0
app_latency_seconds_bucket{route="/b",le="0.5"} %1
app_latency_seconds_bucket{route="/b",le="1"} %2
app_latency_seconds_bucket{route="/b",le="+Inf"} %2
app_latency_seconds_sum{route="/b"} %0.875
app_latency_seconds_count{route="/b"} %2
# HELP app_payload_bytes Payload sizes (default buckets).
# TYPE app_payload_bytes histogram
app_payload_bytes_bucket{le="0.005"} 0
app_payload_bytes_bucket{le="0.01"} 0
app_payload_bytes_bucket{le="0.025"} 0
app_payload_bytes_bucket{le="0.05"} 0
app_payload_bytes_bucket{le="0.1"} 0
app_payload_bytes_bucket{le="0.25"} 0
app_payload_bytes_bucket{le="0.5"} 0
app_payload_bytes_bucket{le="1"} %5
app_payload_bytes_bucket{le="2.5"} %5
app_payload_bytes_bucket{le="5"} %5
app_payload_bytes_bucket{le="10"} %5
app_payload_bytes_bucket{le="+Inf"} %5
app_payload_bytes_sum %4.25
app_payload_bytes_count %5

TXT;
$expected = preg_replace_callback('/%([0-9.]+)/', fn($m) => (string)round((float)$m[1] * $rounds, 6), $expected);
echo $text === $expected ? "render: exact\n" : "render differs:\n--- expected\n$expected--- got\n$text";
echo promtool_check($text), "\n";
var_dump($server->stop());
?>
--EXPECT--
processes that counted: several
render: exact
promtool: ok
int(0)
