--TEST--
Process: a worker past maxRequests (90-100 % of it) is replaced by a fresh process, started before the old one retires; no request is lost; the master logs why
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'recycler';
$w->maxRequests = 20;
$w->onMessage = fn($c, $m) => $c->send(getmypid() . " $m");
Worker::runAll();
PHP);
$first = $server->waitForChildren(1)[0];
$pids = [];
$failed = 0;
// Three rounds of 25 requests, each round after the process that served the previous
// one is gone (it keeps serving until its replacement is ready, so requests are never
// refused; a round may still see the old process).
for ($round = 0, $i = 0; $round < 3; $round++) {
    $served = [];
    for ($k = 0; $k < 25; $k++, $i++) {
        // A connection the retiring process closed before answering (EOF, no byte) is
        // retried, as in reload_zero_loss; anything else is a failure.
        for ($try = 0; $try < 3; $try++) {
            $c = $server->connect();
            fwrite($c, "r$i\n");
            $line = read_line($c);
            $eof = $line === false && feof($c);
            fclose($c);
            if (!$eof) break;
        }
        if ($line === false || !str_ends_with($line, " r$i")) $failed++;
        else $served[(int)$line] = true;
    }
    $pids += $served;
    $deadline = microtime(true) + 10;
    while (array_intersect(array_keys($served), $server->children()) && microtime(true) < $deadline) usleep(20000);
}
echo "failed: $failed\n";
echo "processes that served: ", count($pids) >= 3 ? "3 or more" : count($pids), "\n";
preg_match_all('/worker\[recycler:(\d+)\] served (\d+) requests \(maxRequests 20\): replacing it with a fresh process/', $server->log(), $m);
echo "recycle log lines: ", count($m[0]) >= 2 ? "2 or more" : count($m[0]), "\n";
echo "first process recycled: ", var_export(in_array((string)$first, $m[1], true), true), "\n";
echo "served between 18 and 20: ", var_export(min($m[2]) >= 18 && max($m[2]) <= 20, true), "\n";
echo "no crash logged: ", var_export(!preg_match('/exit code|killed by/', $server->log()), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
failed: 0
processes that served: 3 or more
recycle log lines: 2 or more
first process recycled: true
served between 18 and 20: true
no crash logged: true
int(0)
