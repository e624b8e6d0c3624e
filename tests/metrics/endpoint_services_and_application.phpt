--TEST--
Metrics: one /metrics scrape carries the process metrics, the supervised services and the application's Surge\Metrics, all valid for promtool
--SKIPIF--
<?php if (!is_executable('/usr/bin/promtool')) die('skip promtool (Debian package prometheus) is not installed');
--FILE--
<?php
require __DIR__ . '/metrics.inc';
$mport = TestServer::freePort();
$server = TestServer::start(str_replace('METRICS_PORT', (string)$mport, <<<'PHP'
use Surge\Metrics;
Worker::$metricsListen = 'http://127.0.0.1:METRICS_PORT';
$orders = Metrics::counter('app_orders_total', 'Orders taken.', ['kind']);
new Surge\Service('sleeper', ['command' => ['/bin/sleep', '600']]);
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onMessage = function ($c, $m) use ($orders) {
    $orders->inc(1, [$m]);
    $c->send('ok');
};
Worker::runAll();
PHP));
foreach (['book', 'book', 'pen'] as $kind) {
    $c = $server->connect();
    fwrite($c, "$kind\n");
    echo read_line($c), "\n";
    fclose($c);
}
$body = wait_metric($mport, 'app_orders_total', [], 3);
var_dump(metric_sum($body, 'app_orders_total', ['kind="book"']));
var_dump(metric_sum($body, 'app_orders_total', ['kind="pen"']));
$body = wait_metric($mport, 'surge_service_up', ['service="sleeper"'], 1);
var_dump(metric_sum($body, 'surge_service_restarts_total', ['service="sleeper"']));
var_dump(metric_sum($body, 'surge_process_requests_total') >= 3.0);
echo promtool_check($body), "\n";
[$code] = $server->command(['stop']);
echo "stop exit $code\n";
?>
--EXPECT--
ok
ok
ok
float(2)
float(1)
float(0)
bool(true)
promtool: ok
stop exit 0
