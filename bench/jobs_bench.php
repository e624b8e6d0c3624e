<?php
/*
 * Driver of bench/jobs_bench.sh: jobs/s through Redis Streams.
 *   push (script)  Surge\Jobs::push() from a plain script: one blocking round trip each
 *   push (worker)  Surge\Jobs::push() inside a worker process: asynchronous, pipelined
 *   consume xC     N jobs already queued, C consumer processes: from the consumers being
 *                  started until the stream is empty (every job run and acknowledged)
 * Prints one JSON object per measurement.
 * Usage: php -d extension=surge.so jobs_bench.php <redis port> <jobs> <C or CxK...>
 */
[$port, $n] = [(int)$argv[1], (int)$argv[2]];
$consumerCounts = array_slice($argv, 3) ?: ['1', '2']; // "C" or "CxK": C processes, jobConcurrency K
$ext = ini_get('extension') ?: '';
$redis = new Redis();
$redis->connect('127.0.0.1', $port);
Surge\Jobs::$redis = "tcp://127.0.0.1:$port";
$dir = sys_get_temp_dir() . '/surge-jobs-bench-' . getmypid();
@mkdir($dir);

function emit(array $row): void { echo json_encode($row), "\n"; }

function serverScript(string $dir, int $port, string $body): string
{
    $file = "$dir/server-" . md5($body) . '.php';
    file_put_contents($file, "<?php\nuse Surge\\Worker;\nWorker::\$pidFile = '$dir/s.pid';\nWorker::\$logFile = '$dir/s.log';\n"
        . "Surge\\Jobs::\$redis = 'tcp://127.0.0.1:$port';\n" . $body . "\nWorker::runAll();\n");
    return $file;
}

function startServer(string $script, string $dir)
{
    @unlink("$dir/s.log");
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . SURGE_SO, $script, 'start'];
    return proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/s.out", 'w'], 2 => ['file', "$dir/s.out", 'a']], $pipes);
}

function stopServer($proc): void
{
    $pid = proc_get_status($proc)['pid'];
    posix_kill($pid, SIGTERM);
    while (proc_get_status($proc)['running']) usleep(10000);
    proc_close($proc);
}

function waitLog(string $dir, string $needle, int $count): void
{
    $deadline = microtime(true) + 60;
    while (substr_count((string)@file_get_contents("$dir/s.log"), $needle) < $count) {
        if (microtime(true) > $deadline) throw new RuntimeException("timed out waiting for $needle");
        usleep(2000);
    }
}

define('SURGE_SO', getenv('SURGE_EXT'));

// 1. push from a plain script
$redis->flushAll();
$t = microtime(true);
for ($i = 0; $i < $n; $i++) Surge\Jobs::push('bench', $i);
$dt = microtime(true) - $t;
emit(['measure' => 'push (plain script, blocking)', 'jobs' => $n, 'seconds' => round($dt, 3), 'jobs_per_s' => round($n / $dt)]);

// 2. push inside a worker process (asynchronous): until Redis holds all N
$redis->flushAll();
$proc = startServer(serverScript($dir, $port, "\$w = new Worker();\n\$w->onWorkerStart = function () {\n  file_put_contents('$dir/t0', microtime(true));\n  for (\$i = 0; \$i < $n; \$i++) Surge\\Jobs::push('bench', \$i);\n};"), $dir);
while ((int)$redis->xLen('bench') < $n) usleep(2000);
$t1 = microtime(true);
$t0 = (float)file_get_contents("$dir/t0");
stopServer($proc);
emit(['measure' => 'push (inside a worker, async)', 'jobs' => $n, 'seconds' => round($t1 - $t0, 3), 'jobs_per_s' => round($n / ($t1 - $t0))]);

// 3. end-to-end consume, C processes
foreach ($consumerCounts as $spec) {
    [$c, $k] = array_map('intval', explode('x', "{$spec}x1"));
    $redis->flushAll();
    for ($i = 0; $i < $n; $i += 1000) {
        $pipe = $redis->multi(Redis::PIPELINE);
        for ($j = $i; $j < min($n, $i + 1000); $j++) {
            $pipe->xAdd('bench', '*', ['id' => "j$j", 'attempt' => '1', 'attempts' => '3', 'retryDelay' => '1', 'payload' => serialize($j)]);
        }
        $pipe->exec();
    }
    $proc = startServer(serverScript($dir, $port, "\$w = new Worker('redis-stream://127.0.0.1:$port/bench');\n\$w->count = $c;\n\$w->jobConcurrency = $k;\n\$w->onWorkerStart = fn() => Worker::log('ready');\n\$w->onMessage = function (Surge\\Job \$job) {};"), $dir);
    waitLog($dir, 'ready', $c);
    $t0 = microtime(true);
    while ((int)$redis->xLen('bench') > 0) usleep(2000);
    $dt = microtime(true) - $t0;
    stopServer($proc);
    emit(['measure' => "consume, $c process(es), jobConcurrency $k", 'jobs' => $n, 'seconds' => round($dt, 3), 'jobs_per_s' => round($n / $dt)]);
}
exec('rm -rf ' . escapeshellarg($dir));
