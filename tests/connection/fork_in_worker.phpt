--TEST--
Connection: after PHP code forks in a worker, a closed connection still leaves the poller (a child holding the socket keeps it in the epoll set, where it would report events for a freed connection), late bytes on it are harmless and the worker serves on
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// Entries of the epoll set that holds the connections: the smallest of this process's
// epoll sets (libevent's own holds the listener, its signal and timer descriptors and
// the connections' set itself).
function connection_set_size(): int {
    $sizes = [];
    foreach (scandir('/proc/self/fd') as $fd) {
        if (is_numeric($fd) && @readlink("/proc/self/fd/$fd") === 'anon_inode:[eventpoll]') {
            $sizes[] = substr_count((string)@file_get_contents("/proc/self/fdinfo/$fd"), 'tfd:');
        }
    }
    return min($sizes);
}
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $data) {
    if ($data === 'fork') {
        $pid = pcntl_fork();
        if ($pid === 0) {
            // The child holds every socket of the worker until the test kills it.
            while (true) { sleep(1); }
        }
        $c->send("child $pid");
    } elseif ($data === 'close') {
        $c->close();
    } else {
        $c->send("echo $data");
    }
};
$w->onClose = function ($c) {
    Worker::log("closed {$c->id}, connection set now holds " . connection_set_size());
};
Worker::runAll();
PHP);

$a = $server->connect();
fwrite($a, "fork\n");
$line = trim(fgets($a));
[, $child] = explode(' ', $line);
echo "forked\n";
fwrite($a, "close\n");
echo $server->waitForLog('closed 1, ') !== '' ? "closed\n" : '';
preg_match('/closed 1, connection set now holds (\d+)/', $server->log(), $m);
echo "connection set after the close: $m[1]\n";
// The child still holds the server's end, so no FIN reached us: these bytes land on a
// socket the worker has closed.
fwrite($a, "late bytes\n");
$b = $server->connect();
fwrite($b, "hello\n");
echo trim(fgets($b)), "\n";
posix_kill((int)$child, SIGKILL);
fclose($a);
fclose($b);
$server->waitForLog('closed 2, ');
echo str_contains($server->log(), 'exit') ? $server->log() : "worker never restarted\n";
var_dump($server->stop());
?>
--EXPECT--
forked
closed
connection set after the close: 0
echo hello
worker never restarted
int(0)
