--TEST--
Connection: closures that capture their own connection (set per connection in onConnect, or on an AsyncTcpConnection) are collected once the connection closes: after 100,000 accepted and 3,000 outgoing connections (each after the same number as warm-up) PHP memory has grown by less than a byte per connection
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Connection\AsyncTcpConnection;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onConnect = function ($c) {
    // Each connection's own closures, capturing that connection: a cycle through
    // properties and the worker's callable cache.
    $c->onMessage = function ($conn, $m) use ($c) {
        if ($m === 'mem') {
            gc_collect_cycles();
            $c->send(memory_get_usage() . ' ' . count(TcpConnection::$connections));
            return;
        }
        $c->close($m);  // the server closes first: TIME_WAIT stays on its side
    };
    $c->onClose = function () use ($c) { $c->uid = null; };
};

// Outgoing connections whose callbacks capture the connection itself.
$clients = new Worker();
$clients->name = 'clients';
$clients->onWorkerStart = function () {
    $round = function (int $n, callable $then) use (&$round) {
        if ($n === 0) {
            $then();
            return;
        }
        $c = new AsyncTcpConnection('text://127.0.0.1:' . TEST_PORT);
        $c->onConnect = function () use ($c) { $c->send('x'); };
        $c->onMessage = function ($conn, $m) use ($c) { $c->close(); };
        $c->onClose = function () use ($c, $n, $then, &$round) {
            Timer::add(0.0001, fn() => $round($n - 1, $then), [], false);
        };
        $c->connect();
    };
    $round(3000, function () use ($round) {
        gc_collect_cycles();
        $start = memory_get_usage();
        $round(3000, function () use ($start) {
            gc_collect_cycles();
            Worker::log('outgoing: grew by ' . (memory_get_usage() - $start) . ' bytes');
        });
    });
};
Worker::runAll();
PHP);

function ask(TestServer $server): array
{
    $s = $server->connect();
    fwrite($s, "mem\n");
    $answer = explode(' ', read_line($s));
    fclose($s);
    return array_map('intval', $answer);
}
function connections(TestServer $server, int $count): void
{
    for ($i = 0; $i < $count; $i += 100) {
        $batch = [];
        for ($j = 0; $j < 100; $j++) {
            $s = $server->connect();
            fwrite($s, "x\n");
            $batch[] = $s;
        }
        foreach ($batch as $s) {
            if (read_line($s) !== 'x' || !wait_closed($s)) {
                throw new RuntimeException('no echo and close');
            }
            fclose($s);
        }
    }
}

// Warm-up with the same load as measured: the GC root buffer and hash tables grow in steps
// and then stay; a leak grows with every connection.
connections($server, 100000);
[$start] = ask($server);
connections($server, 100000);
// The last clients' closes may still be on their way: wait until only ours is open.
wait_for(fn() => ask($server)[1] === 1, 'every client connection to be closed');
[$end, $open] = ask($server);
echo "accepted: ", $end - $start < 100000 ? "under 1 byte" : ($end - $start) . " bytes", " per connection, open $open\n";
$log = $server->waitForLog('outgoing: grew by ', 60);
preg_match('/outgoing: grew by (-?\d+) bytes/', $log, $m);
echo "outgoing: ", (int)$m[1] < 3000 ? "under 1 byte" : "$m[1] bytes", " per connection\n";
var_dump($server->stop());
?>
--EXPECT--
accepted: under 1 byte per connection, open 1
outgoing: under 1 byte per connection
int(0)
