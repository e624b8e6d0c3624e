--TEST--
Metrics: a daemon (`start -d`) serves /metrics, keeps serving across a reload, and frees the port on stop
--FILE--
<?php
require __DIR__ . '/../helper.inc';
require __DIR__ . '/metrics.inc';
$mport = TestServer::freePort();
$server = TestServer::spawn(str_replace('METRICS_PORT', (string)$mport, <<<'PHP'
Worker::$metricsListen = 'http://127.0.0.1:METRICS_PORT';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'd';
$w->count = 2;
$w->onMessage = fn($c, $m) => $c->send($m);
Worker::runAll();
PHP), ['start', '-d', '-q'], ['wait' => false]);
echo "start -d exit ", $server->wait(10), "\n";
wait_for(fn() => $server->listening(), 'the worker port');
$c = $server->connect();
fwrite($c, "x\n");
read_line($c);
fclose($c);
wait_metric($mport, 'surge_worker_processes', ['worker="d"'], 2);
var_dump(metric_sum(scrape($mport), 'surge_process_requests_total', ['worker="d"']));
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
// Both old processes exit with status 0 once their successors are ready.
$body = wait_metric($mport, 'surge_worker_exits_total', ['worker="d"', 'reason="exit_code_0"'], 2);
var_dump(preg_match_all('/^surge_process_connections\{worker="d"/m', $body));
[$code] = $server->command(['stop']);
echo "stop exit $code\n";
// The master is gone with its endpoint: the port is free again.
$s = @stream_socket_server("tcp://127.0.0.1:$mport");
var_dump($s !== false);
?>
--EXPECT--
start -d exit 0
float(1)
reload exit 0
int(2)
stop exit 0
bool(true)
