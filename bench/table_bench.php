<?php
// Surge\Table against Swoole\Table: ops/s of set/get/incr/exists/del from 1 or N processes,
// and the shared memory each needs per row. Run through table_bench.sh, which loads one
// extension at a time, pins the processes and repeats.
//   php -d extension=surge.so  table_bench.php surge  <procs> <rows> <passes>
//   php -d extension=swoole.so table_bench.php swoole <procs> <rows> <passes>
// Prints one line per operation: "<impl> <procs> <op> <ops/s>", and "<impl> mem <bytes/row> <rows that fit>".
[$script, $impl, $procs, $rows, $passes] = $argv + [1 => 'surge', 2 => '1', 3 => '100000', 4 => '5'];
$procs = (int)$procs;
$rows = (int)$rows;
$passes = (int)$passes;

function makeTable(string $impl, int $rows)
{
    $class = $impl === 'swoole' ? Swoole\Table::class : Surge\Table::class;
    $t = new $class($rows);
    $t->column('hits', $class::TYPE_INT);
    $t->column('ratio', $class::TYPE_FLOAT);
    $t->column('name', $class::TYPE_STRING, 32);
    return $t;
}

function vmSize(): int
{
    preg_match('/VmSize:\s+(\d+) kB/', file_get_contents('/proc/self/status'), $m);
    return (int)$m[1] * 1024;
}

// Memory: the mapping the table adds to the process (both map it at create()), and how
// many distinct keys fit before the table reports that it is full.
$before = vmSize();
$probe = makeTable($impl, $rows);
$probe->create();
$mapped = vmSize() - $before;
$fit = 0;
try {
    for ($i = 0; $i < 2 * $rows; $i++) {
        if (@$probe->set("key:$i", ["hits" => $i]) === false) break;
        $fit++;
    }
} catch (Throwable $e) {
}
printf("%s mem %.1f %d\n", $impl, $mapped / $rows, $fit);
unset($probe);

$table = makeTable($impl, $rows);
$table->create();
$keys = [];
for ($i = 0; $i < $rows / 2; $i++) $keys[] = "user:$i";   // half full, as a table in use is
$row = ['hits' => 1, 'ratio' => 0.5, 'name' => 'some name of 20 chars'];

$ops = [
    'set' => function ($t, $keys, $passes) use ($row) { for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) $t->set($k, $row); },
    'get' => function ($t, $keys, $passes) { for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) $t->get($k); },
    'get_col' => function ($t, $keys, $passes) { for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) $t->get($k, 'hits'); },
    'incr' => function ($t, $keys, $passes) { for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) $t->incr($k, 'hits', 1); },
    'exists' => function ($t, $keys, $passes) { for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) $t->exists($k); },
    'del' => function ($t, $keys, $passes) use ($row) {
        // set + del pairs, counted as one del each: a row must exist to be deleted.
        for ($p = 0; $p < $passes; $p++) foreach ($keys as $k) { $t->del($k); $t->set($k, $row); }
    },
];

foreach ($ops as $name => $fn) {
    $pipes = [];
    $pids = [];
    for ($n = 0; $n < $procs; $n++) {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        $pid = pcntl_fork();
        if ($pid === 0) {
            fclose($pair[0]);
            $mine = $keys;
            if ($procs > 1) shuffle($mine);   // same rows, different order: real contention
            $t0 = hrtime(true);
            $fn($table, $mine, $passes);
            $t1 = hrtime(true);
            fwrite($pair[1], (string)(($t1 - $t0) / 1e9));
            exit(0);
        }
        fclose($pair[1]);
        $pipes[] = $pair[0];
        $pids[] = $pid;
    }
    $total = 0.0;
    foreach ($pipes as $i => $p) {
        $seconds = (float)stream_get_contents($p);
        pcntl_waitpid($pids[$i], $status);
        $total += count($keys) * $passes / $seconds;
    }
    printf("%s %d %s %.0f\n", $impl, $procs, $name, $total);
}
