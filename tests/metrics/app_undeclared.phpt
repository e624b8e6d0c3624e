--TEST--
Application metrics: a worker may declare a known metric again, but a new name after Worker::runAll() throws and says to declare it in the start file; a bad Metrics::$maxSeries stops runAll() before anything forks
--FILE--
<?php
require __DIR__ . '/metrics.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Metrics;
Metrics::counter('app_starts_total', 'Starts.');
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->count = 2;
$w->onWorkerStart = function () {
    Metrics::counter('app_starts_total', 'Starts.')->inc();
    try {
        Metrics::gauge('app_late', 'Declared too late.');
    } catch (RuntimeException $e) {
        Worker::log(get_class($e) . ': ' . $e->getMessage());
    }
};
$w->onMessage = fn($c, $m) => $c->send(base64_encode(Metrics::render()));
Worker::runAll();
PHP);

$text = wait_for(function () use ($server) {
    $c = $server->connect();
    fwrite($c, "render\n");
    $t = base64_decode(read_line($c));
    return str_contains($t, "app_starts_total 2\n") ? $t : null;
}, 'both workers to have counted their start', 30);
echo $text;

$log = wait_for(fn() => substr_count($server->log(), 'was not declared') === 2 ? $server->log() : null, 'both workers to log', 30);
preg_match('/RuntimeException: .*/', $log, $m);
echo $m[0], "\n";
var_dump($server->stop());

$bad = TestServer::spawn(<<<'PHP'
Surge\Metrics::$maxSeries = 0;
Surge\Metrics::counter('app_x_total', 'x');
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP, ['start'], ['wait' => false]);
var_dump($bad->wait());
preg_match('/Uncaught .*/', $bad->output(), $m);
echo $m[0], "\n";
?>
--EXPECTF--
# HELP app_starts_total Starts.
# TYPE app_starts_total counter
app_starts_total 2
RuntimeException: Surge\Metrics: metric 'app_late' was not declared before Worker::runAll(): declare every metric in the start file before runAll(), so that all processes share it (a worker may declare it again to get its object)
int(0)
int(255)
Uncaught InvalidArgumentException: Surge\Metrics: Surge\Metrics::$maxSeries must be between 1 and 16777216, got 0 in %s
