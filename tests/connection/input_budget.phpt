--TEST--
Worker::$maxInputMemory: connections whose partial messages together pass the process's budget: the largest is refused (onError code 3, logged close), the others complete their messages, a good client is served, and the worker's RSS returns near its baseline once the burst is over (freed memory is given back to the system)
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
TcpConnection::$defaultMaxPackageSize = 64 << 20;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->maxInputMemory = 48 << 20;
$w->onMessage = fn($c, $m) => $c->send(strlen($m) > 100 ? 'line of ' . strlen($m) . ' bytes, md5 ' . md5($m) : "echo $m");
$w->onError = fn($c, $code, $m) => Worker::log("onError $code $m");
PHP . RECV_PROGRESS . "\nWorker::runAll();\n");
$worker = $server->waitForChildren(1)[0];
$rss = function () use ($worker): int {
    preg_match('/^VmRSS:\s+(\d+) kB/m', file_get_contents("/proc/$worker/status"), $m);
    return (int)$m[1] * 1024;
};
$baseline = $rss();

// Two connections hold 8 MB each of a line without its end (16 MiB of buffer each), then a
// third one pushes 40 MB: once its buffer reaches 32 MiB the sum passes the 48 MiB budget
// and it holds the most.
$sizes = ['a' => 8 << 20, 'b' => 8 << 20, 'big' => 40 << 20];
$clients = [];
foreach ($sizes as $name => $size) {
    $clients[$name] = $server->connect();
    stream_set_blocking($clients[$name], false);
    $left = str_repeat($name[0], $size);
    // Written without blocking, so that a refusal (the server closes) cannot leave us stuck.
    wait_for(function () use (&$left, $clients, $name) {
        $n = @fwrite($clients[$name], $left);
        if ($n === false) return true;
        $left = substr($left, $n);
        return $left === '' ? true : null;
    }, "$name to be written");
    stream_set_blocking($clients[$name], true);
    [$read, , $status] = $server->waitForRead($clients[$name], $size);
    echo "$name: ", $status === 'ESTABLISHED' ? "held ($read bytes)" : "closed", "\n";
}
$rest = @fread($clients['big'], 10);
echo "big closed by the server: ", var_export(($rest === '' || $rest === false) && feof($clients['big']), true), "\n";
$good = $server->connect();
fwrite($good, "hello\n");
echo "good client: ", fgets($good);
foreach (['a', 'b'] as $name) {
    fwrite($clients[$name], "\n");
    $answer = trim(fgets($clients[$name]));
    echo "$name: ", $answer === 'line of ' . $sizes[$name] . ' bytes, md5 ' . md5(str_repeat($name, $sizes[$name])) ? 'whole line answered' : $answer, "\n";
}
foreach ($server->logMessages() as $line) {
    if (str_contains($line, 'onError') || str_contains($line, 'budget')) {
        echo preg_replace('/connection \d+ from 127\.0\.0\.1:\d+/', 'connection N from CLIENT', $line), "\n";
    }
}
// Every buffer of the burst is freed: RSS comes back near where it started (it peaked
// about 64 MB higher).
// Under ASan (USE_ZEND_ALLOC=0) freed memory waits in the sanitizer's quarantine: RSS
// says nothing about giving memory back there.
if (getenv('USE_ZEND_ALLOC') !== '0') {
    wait_for(fn() => $rss() < $baseline + (24 << 20) ? true : null, 'RSS back near its baseline', 10);
}
echo "RSS back within 24 MB of its baseline\n";
var_dump($server->stop());
?>
--EXPECT--
a: held (8388608 bytes)
b: held (8388608 bytes)
big: closed
big closed by the server: true
good client: echo hello
a: whole line answered
b: whole line answered
onError 3 partial input over the process's budget (Worker::$maxInputMemory)
Worker[none] connection N from CLIENT: partial input over the process's budget (Worker::$maxInputMemory); closing it
RSS back within 24 MB of its baseline
int(0)
