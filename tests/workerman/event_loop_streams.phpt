--TEST--
Event loop streams: inside a worker, a library's own stream_socket_client() to another TCP server is watched with onReadable() (the callback gets that stream and reads the replies), offReadable() stops it (later replies stay unread in the socket), onWritable()/offWritable() fire for the same stream, and the worker keeps serving
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// The "other server" the library talks to: a second worker, in its own process.
$backend = new Worker('text://127.0.0.1:' . TEST_PORT2);
$backend->name = 'backend';
$backend->onMessage = function (TcpConnection $c, string $m) {
    Worker::log("backend got $m");
    $c->send("echo:$m");
    Worker::log("backend answered $m");
};

$front = new Worker('text://127.0.0.1:' . TEST_PORT);
$front->name = 'front';
$front->onMessage = function (TcpConnection $c, string $m) {
    static $stream = null;
    $loop = Worker::getEventLoop();
    [$cmd, $arg] = explode(' ', "$m ", 2);
    $arg = trim($arg);
    switch ($cmd) {
        case 'open':
            // What a database or cache client library does: its own socket, its own watcher.
            $stream = stream_socket_client('tcp://127.0.0.1:' . TEST_PORT2, $errno, $errstr, 5);
            stream_set_blocking($stream, false);
            $loop->onWritable($stream, function ($s) use ($stream, $loop, $c) {
                Worker::log('writable, same stream: ' . var_export($s === $stream, true)
                    . ', offWritable ' . var_export($loop->offWritable($s), true));
                $c->send('connected');
            });
            $loop->onReadable($stream, function ($s) use ($stream, $c) {
                $data = fread($s, 65536);
                Worker::log('readable, same stream: ' . var_export($s === $stream, true) . ', read ' . json_encode($data));
                $c->send('reply ' . trim($data));
            });
            return;
        case 'ask':
            fwrite($stream, "$arg\n");
            return;
        case 'off':
            $c->send('offReadable ' . var_export($loop->offReadable($stream), true)
                . ' again ' . var_export($loop->offReadable($stream), true)
                . ' offWritable ' . var_export($loop->offWritable($stream), true));
            return;
        case 'read':
            // What offReadable() left in the socket, read directly.
            stream_set_blocking($stream, true);
            stream_set_timeout($stream, 5);
            $c->send('left unread ' . json_encode(fgets($stream)));
            return;
    }
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$c = $server->connect();
fwrite($c, "open\n");
var_dump(read_line($c));
fwrite($c, "ask one\n");
var_dump(read_line($c));
fwrite($c, "ask two\n");
var_dump(read_line($c));
fwrite($c, "off\n");
var_dump(read_line($c));
fwrite($c, "ask three\n");
// The backend has answered: the reply is in the front's socket, and nobody reads it.
$server->waitForLog('backend answered three');
fwrite($c, "read\n");
var_dump(read_line($c));
fclose($c);
var_dump($server->stop());
// Each process's lines in order (the two processes' lines interleave in no fixed way).
$lines = array_filter($server->logMessages(), fn($l) => !str_starts_with($l, 'Surge['));
echo implode("\n", array_filter($lines, fn($l) => !str_starts_with($l, 'backend'))), "\n";
echo implode("\n", array_filter($lines, fn($l) => str_starts_with($l, 'backend'))), "\n";
?>
--EXPECT--
string(9) "connected"
string(14) "reply echo:one"
string(14) "reply echo:two"
string(46) "offReadable true again false offWritable false"
string(26) "left unread "echo:three\n""
int(0)
writable, same stream: true, offWritable true
readable, same stream: true, read "echo:one\n"
readable, same stream: true, read "echo:two\n"
backend got one
backend answered one
backend got two
backend answered two
backend got three
backend answered three
