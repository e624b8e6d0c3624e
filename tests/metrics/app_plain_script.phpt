--TEST--
Application metrics in a plain script without Worker::runAll(): the first update maps the shared series, so a process forked afterwards adds to the same totals
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
use Surge\Metrics;

$jobs = Metrics::counter('app_jobs_total', 'Jobs done.', ['queue']);
$depth = Metrics::gauge('app_queue_depth', 'Jobs waiting.');
echo Metrics::render();
$jobs->inc(1, ['mail']);
$depth->set(10);
$pid = pcntl_fork();
if ($pid === 0) {
    for ($i = 0; $i < 1000; $i++) {
        $jobs->inc(0.5, ['mail']);
        $depth->dec();
    }
    exit(0);
}
for ($i = 0; $i < 1000; $i++) {
    $jobs->inc(1, ['queue' => 'mail']);
    $depth->inc();
}
pcntl_waitpid($pid, $status);
echo "child exit: ", pcntl_wexitstatus($status), "\n";
echo Metrics::render();
?>
--EXPECT--
# HELP app_queue_depth Jobs waiting.
# TYPE app_queue_depth gauge
app_queue_depth 0
child exit: 0
# HELP app_jobs_total Jobs done.
# TYPE app_jobs_total counter
app_jobs_total{queue="mail"} 1501
# HELP app_queue_depth Jobs waiting.
# TYPE app_queue_depth gauge
app_queue_depth 10
