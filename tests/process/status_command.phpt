--TEST--
Process: `status` reads the shared status board (no signal to anyone): global block, exit statistics, one row per process with its counters, [busy] for a process stuck in PHP, the summary; --json carries the same data
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'echo';
$w->count = 2;
$w->onMessage = function ($c, $line) {
    if ($line === 'stuck') { $until = microtime(true) + 4; while (microtime(true) < $until); }
    $c->send($line);
};
$t = new Worker();
$t->name = 'ticker';
$t->onWorkerStart = function () { Timer::add(10, fn() => null); Timer::add(10, fn() => null); };
Worker::runAll();
PHP);
[$a, $b, $ticker] = $server->waitForChildren(3);
$c = $server->connect();
for ($i = 0; $i < 7; $i++) { fwrite($c, "m$i\n"); read_line($c); }
// The workers publish twice a second: wait until the board shows the 7 requests.
$deadline = microtime(true) + 10;
do {
    [$code, $json] = $server->command(['status', '--json']);
    $data = json_decode($json, true);
    $requests = array_sum(array_column($data['processes'] ?? [], 'total_request'));
    $timers = array_sum(array_column($data['processes'] ?? [], 'timers'));
} while (($requests < 7 || $timers < 2) && microtime(true) < $deadline && !usleep(100000));
echo "json exit $code, workers ", implode(',', array_column($data['workers'], 'name')), ", processes ", count($data['processes']), "\n";
echo "requests $requests, timers $timers, all idle: ", var_export(array_unique(array_column($data['processes'], 'status')) === ['idle'], true), "\n";
echo "master pid matches: ", var_export($data['master_pid'] === $server->pid, true), "\n";
// PHP's memory is 0 when its allocator is off (USE_ZEND_ALLOC=0, the run under ASan).
$memoryKnown = min(array_column($data['processes'], 'memory')) > 0 || getenv('USE_ZEND_ALLOC') === '0';
echo "rss and memory known: ", var_export(min(array_column($data['processes'], 'rss')) > 1000000 && $memoryKnown, true), "\n";

// A killed process shows in the exit statistics of its worker.
posix_kill($ticker, SIGKILL);
$server->waitForLog('killed by SIGKILL');
$server->waitForChildren(3);
$deadline = microtime(true) + 10;
do {  // until the new ticker process has published its two timers
    [, $json] = $server->command(['status', '--json']);
    $timers = array_sum(array_column(json_decode($json, true)['processes'] ?? [], 'timers'));
} while ($timers < 2 && microtime(true) < $deadline && !usleep(100000));
[$code, $text] = $server->command(['status']);
echo "status exit $code\n";
echo preg_replace(['/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/', '/load average: .*/', '/^\d+\t/m'], ['DATE', 'load average: L', "PID\t"], $text);

// A process stuck in PHP code for more than a second shows [busy].
$stuck = $server->connect();
fwrite($stuck, "stuck\n");
$deadline = microtime(true) + 10;
do {
    [, $text] = $server->command(['status']);
} while (!str_contains($text, '[busy]') && microtime(true) < $deadline && !usleep(200000));
echo "busy row: ", substr_count($text, '[busy]'), "\n";
var_dump($server->stop());
?>
--EXPECTF--
json exit 0, workers echo,ticker, processes 3
requests 7, timers 2, all idle: true
master pid matches: true
rss and memory known: true
status exit 0
Surge[server.php] status
Start worker in DEBUG mode.
%sGLOBAL STATUS%s
Surge/%s
start time:DATE   run 0 days 0 hours   load average: L
2 workers    3 processes
name%sevent-loop%sexit_status%sexit_count
echo%slibevent%s0%s0%s
ticker%slibevent%s9%s1%s
%sPROCESS STATUS%s
pid	memory  listening%sname%sconnections send_fail timers  total_request qps    status
PID	%sM%stext://127.0.0.1:%d%secho%s[idle]
PID	%sM%stext://127.0.0.1:%d%secho%s[idle]
PID	%sM%snone%sticker%s2%s0%s[idle]
%sPROCESS STATUS%s
Summary	%sM%s-%s-%s1%s0%s2%s7%s[Summary]%s
busy row: 1
int(0)
