--TEST--
HTTP withFile(): If-Modified-Since at or after the file's mtime answers 304 without a body; an older or unparsable date gets the file
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send((new Response())->withFile(TEST_DIR . '/hello.txt'));
};
Worker::runAll();
PHP);
file_put_contents($server->dir . '/hello.txt', '0123456789abcdefghij');
touch($server->dir . '/hello.txt', 1700000000);
$mtime = gmdate('D, d M Y H:i:s \G\M\T', 1700000000);
$cases = [
    $mtime => true,
    gmdate('D, d M Y H:i:s \G\M\T', 1700000001) => true,
    gmdate('D, d M Y H:i:s \G\M\T', 1750000000) => true,
    gmdate('D, d M Y H:i:s \G\M\T', 1699999999) => false,
    gmdate('D, d M Y H:i:s \G\M\T', 0) => false,
    'not a date' => false,
];
$c = $server->connect();
// One write: a 304 carrying body bytes would shift every later answer.
fwrite($c, implode('', array_map(fn($date) => http_get('/', ["If-Modified-Since: $date"]), array_keys($cases))) . http_get('/'));
foreach ($cases as $date => $notModified) {
    $r = http_read($c, $notModified);
    echo str_pad($date, 30), ' ', $r['status'], ' ', json_encode($r['body']), ' ', http_header($r, 'Content-Range') ?? '-', "\n";
}
echo 'no condition                   ', http_read($c)['status'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
Tue, 14 Nov 2023 22:13:20 GMT  HTTP/1.1 304 Not Modified "" -
Tue, 14 Nov 2023 22:13:21 GMT  HTTP/1.1 304 Not Modified "" -
Sun, 15 Jun 2025 15:06:40 GMT  HTTP/1.1 304 Not Modified "" -
Tue, 14 Nov 2023 22:13:19 GMT  HTTP/1.1 200 OK "0123456789abcdefghij" -
Thu, 01 Jan 1970 00:00:00 GMT  HTTP/1.1 200 OK "0123456789abcdefghij" -
not a date                     HTTP/1.1 200 OK "0123456789abcdefghij" -
no condition                   HTTP/1.1 200 OK
int(0)
