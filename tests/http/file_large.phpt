--TEST--
HTTP withFile(): a 5 MB file (more than the socket buffers hold) arrives intact, whole and as ranges, also to a client that reads late, and the answers after it stay in order
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    if ($r->path() === '/small') {
        $c->send('small');
        return;
    }
    $c->send((new Response())->withFile(TEST_DIR . '/big.dat', (int)$r->get('offset', 0), (int)$r->get('length', 0)));
};
Worker::runAll();
PHP);
$size = 5 * 1024 * 1024 + 7;
$data = random_bytes($size);
file_put_contents($server->dir . '/big.dat', $data);
$c = $server->connect(20);
// Whole file, a range and an explicit slice, each followed by a small answer, in one write;
// the client starts reading only once the socket buffers are full: data waits unread on our
// side and unsent (or unacknowledged) on the server's side.
fwrite($c, http_get('/big') . http_get('/small') . http_get('/big', ['Range: bytes=1000000-3999999']) . http_get('/small')
    . http_get('/big?offset=4194304') . http_get('/small'));
wait_for(fn() => (tcp_queues(local_port($c), $server->port)['rx'] ?? 0) > 0 && (tcp_queues($server->port, local_port($c))['tx'] ?? 0) > 0,
    'the socket buffers between server and client to fill');
$expected = [
    [$data, 'HTTP/1.1 200 OK', null],
    [substr($data, 1000000, 3000000), 'HTTP/1.1 206 Partial Content', "bytes 1000000-3999999/$size"],
    [substr($data, 4194304), 'HTTP/1.1 206 Partial Content', 'bytes 4194304-' . ($size - 1) . "/$size"],
];
foreach ($expected as [$bytes, $status, $range]) {
    $r = http_read($c);
    var_dump($r['status'] === $status, http_header($r, 'Content-Range') === $range,
        (int)http_header($r, 'Content-Length') === strlen($bytes), strlen($r['body']) === strlen($bytes), md5($r['body']) === md5($bytes));
    echo http_read($c)['body'], "\n";
}
// A second connection, reading as it comes.
$d = $server->connect(20);
$r = http_request($d, http_get('/big'));
var_dump(strlen($r['body']), $r['body'] === $data);
fclose($c);
fclose($d);
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
small
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
small
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
small
int(5242887)
bool(true)
int(0)
