--TEST--
Process: `reload` replaces the workers one at a time while clients keep sending on new and existing connections; no request fails, no connection is reset
--SKIPIF--
<?php if (!extension_loaded('sockets')) die('skip needs ext/sockets for the reset-aware client'); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'echo';
$w->count = 2;
$w->onMessage = function ($c, $line) { $c->send(getmypid() . ' ' . $line); };
Worker::runAll();
PHP);
$old = $server->waitForChildren(2);

// One request: send a line, read the answer. A connection the server closed before
// answering (EOF, no byte) is retried on a new connection, as HTTP clients do with an
// idle keep-alive connection; a reset, a timeout or a wrong answer is a failure.
function ask(?Socket &$sock, int $port, string $line, array &$stats): ?string
{
    for ($attempt = 0; $attempt < 5; $attempt++) {
        if ($sock === null) {
            $sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
            socket_set_option($sock, SOL_SOCKET, SO_RCVTIMEO, ['sec' => 5, 'usec' => 0]);
            if (!@socket_connect($sock, '127.0.0.1', $port)) {
                $stats['connect failed']++;
                $sock = null;
                return null;
            }
        }
        if (@socket_write($sock, "$line\n") === false) {
            $stats[socket_last_error($sock) === SOCKET_ECONNRESET ? 'reset' : 'write failed']++;
            socket_close($sock);
            $sock = null;
            return null;
        }
        $answer = '';
        while (!str_ends_with($answer, "\n")) {
            $chunk = @socket_read($sock, 4096, PHP_BINARY_READ);
            if ($chunk === false) {
                $stats[socket_last_error($sock) === SOCKET_ECONNRESET ? 'reset' : 'timeout']++;
                socket_close($sock);
                $sock = null;
                return null;
            }
            if ($chunk === '') {
                break;
            }
            $answer .= $chunk;
        }
        if ($answer === '') {
            $stats['retried']++;
            socket_close($sock);
            $sock = null;
            continue;
        }
        [$pid, $echo] = explode(' ', rtrim($answer, "\n"), 2) + [1 => null];
        if ($echo !== $line) {
            $stats['wrong answer']++;
            return null;
        }
        return $pid;
    }
    $stats['gave up']++;
    return null;
}

$stats = ['connect failed' => 0, 'write failed' => 0, 'reset' => 0, 'timeout' => 0, 'wrong answer' => 0,
          'retried' => 0, 'gave up' => 0];
$persistent = null;
$pids = [];
$reloadAt = 200;
$done = false;
$deadline = microtime(true) + 30;
for ($i = 0; microtime(true) < $deadline; $i++) {
    $pids[] = ask($persistent, $server->port, "p$i", $stats);   // existing connection
    $fresh = null;
    $pids[] = ask($fresh, $server->port, "n$i", $stats);         // new connection
    if ($fresh) socket_close($fresh);
    if ($i === $reloadAt) {
        [$code, $out] = $server->command(['reload']);
        echo "reload command exit $code\n";
    }
    if ($i > $reloadAt && !$done && !array_intersect($old, $server->children())
        && str_contains($server->log(), 'reload done')) {
        $done = $i;
    }
    if ($done && $i > $done + 200) break;
}
$new = $server->children();
echo "old workers gone: ", var_export(!array_intersect($old, $new), true), "\n";
echo "two new workers: ", var_export(count($new) === 2, true), "\n";
echo "served by new workers after reload: ", var_export(count(array_intersect(array_map('intval', array_slice($pids, -100)), $new)) > 0, true), "\n";
$failures = array_diff_key($stats, ['retried' => 1]);
echo "failures: ", json_encode($failures), "\n";
echo "requests: ", count($pids) > 400 ? "enough" : count($pids), "\n";
$log = $server->log();
echo "log says reloading: ", var_export(str_contains($log, 'Surge[server.php] reloading'), true), "\n";
echo "no worker died: ", var_export(!preg_match('/worker\[echo:\d+\] (exit|killed)/', $log), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
reload command exit 0
old workers gone: true
two new workers: true
served by new workers after reload: true
failures: {"connect failed":0,"write failed":0,"reset":0,"timeout":0,"wrong answer":0,"gave up":0}
requests: enough
log says reloading: true
no worker died: true
int(0)
