--TEST--
A library that brings its own stream: an asynchronous line-protocol client (stream_socket_client() with STREAM_CLIENT_ASYNC_CONNECT, onReadable/onWritable/offWritable on Worker::getEventLoop(), non-blocking fwrite() whose rest is written when the stream is writable, replies matched to commands in order) used from onMessage of an http:// worker (2 processes) to ask a text:// backend in the same script; 20 concurrent HTTP requests, which the backend answers only once all 20 questions came, each get their own answer; an 8 MB command written while the backend does not read goes out in parts and its answer is right; a connect that fails and a connection the backend closes are seen through the loop's watchers (pending commands get an error) and the next command connects again
--FILE--
<?php
require __DIR__ . '/../../helper.inc';
$server = TestServer::start("require '" . __DIR__ . "/line_client.inc';\n" . <<<'PHP'
use Workerman\Protocols\Http\Response;

line_backend('text://127.0.0.1:' . TEST_PORT2, 20);

$http = new Worker('http://127.0.0.1:' . TEST_PORT);
$http->name = 'web';
$http->count = 2;
$http->onWorkerStart = function () {
    global $db;
    $db = new LineClient('127.0.0.1:' . TEST_PORT2);
    $db->connect();
};
$http->onMessage = function (TcpConnection $connection, $request) {
    global $db;
    switch ($request->path()) {
        case '/get':
            $key = $request->get('key');
            $db->query("GET $key", function (string $reply) use ($connection, $key) {
                $connection->send(new Response(200, ['Content-Type' => 'text/plain'], "$key: $reply"));
            });
            return;
        case '/big':
            // Asks the backend to stop reading, then sends it 8 MB.
            $db->query('HOLD', function (string $reply) use ($connection, $db) {
                $payload = str_repeat('0123456789abcdef', 512 * 1024);
                $db->query("BIG $payload", function (string $reply) use ($connection, $db, $payload) {
                    $connection->send(new Response(200, ['Content-Type' => 'text/plain'],
                        "$reply; expected LEN " . strlen($payload) . ' MD5 ' . md5($payload)
                        . "; partial writes {$db->partialWrites}, flushes on writable " . ($db->writableFlushes > 0 ? 'some' : 'none')));
                });
            });
            return;
    }
    if (in_array($request->path(), ['/quit', '/ping'], true)) {
        $db->query(strtoupper(substr($request->path(), 1)), function (string $reply) use ($connection) {
            $connection->send(new Response(200, ['Content-Type' => 'text/plain'], "$reply from " . getmypid()));
        });
        return;
    }
    if ($request->path() === '/down') {
        // A server that is not there: the asynchronous connect fails.
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        $address = stream_socket_get_name($probe, false);
        fclose($probe);
        (new LineClient($address))->query('PING', function (string $reply) use ($connection, $address) {
            $connection->send(new Response(200, ['Content-Type' => 'text/plain'], str_replace($address, '<address>', $reply)));
        });
        return;
    }
    $connection->send(new Response(404, [], 'not found'));
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);

function body_of(string $response): string
{
    return substr($response, strpos($response, "\r\n\r\n") + 4);
}

/** Reads one response whose body has Content-Length bytes. */
function read_response($socket): string
{
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n") && ($line = fgets($socket)) !== false) {
        $head .= $line;
    }
    preg_match('/\r\nContent-Length: (\d+)\r\n/i', $head, $m);
    return $head . read_bytes($socket, (int)($m[1] ?? 0));
}

$server->waitForChildren(3);
$clients = [];
for ($i = 1; $i <= 20; $i++) {
    $c = $server->connect(10);
    fwrite($c, "GET /get?key=k$i HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    $clients[$i] = $c;
}
$right = 0;
foreach ($clients as $i => $c) {
    $response = read_response($c);
    if (str_starts_with($response, "HTTP/1.1 200 OK\r\n") && body_of($response) === "k$i: k$i=" . md5("k$i")) {
        $right++;
    } else {
        echo "request $i got: ", json_encode($response), "\n";
    }
}
echo "right answers: $right of 20\n";

$c = $server->connect(20);
fwrite($c, "GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
$server->waitForLog('backend: holding');
$server->waitForLog('the rest waits for writable');
touch($server->dir . '/release');
$body = body_of(read_response($c));
[$got, $expected] = explode('; expected ', $body, 2) + ['', ''];
echo 'big answer right: ', var_export($got !== '' && str_starts_with($expected, $got), true), "\n";
echo preg_replace('/^.*?; (partial)/', '$1', $expected), "\n";
echo "== failures\n";
$c = $server->connect();
fwrite($c, "GET /down HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
echo body_of(read_response($c)), "\n";
// On one kept connection (one process): the backend closes the library's connection, the
// library answers the pending command with an error, and the next command connects again.
fwrite($c, "GET /quit HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
$quit = body_of(read_response($c));
fwrite($c, "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
$ping = body_of(read_response($c));
[$quitReply, $quitPid] = explode(' from ', $quit) + ['', ''];
[$pingReply, $pingPid] = explode(' from ', $ping) + ['', ''];
echo "$quitReply\n$pingReply\nsame process: ", var_export($quitPid === $pingPid && $quitPid !== '', true), "\n";
// (Read before stopping: at the stop the backend may go first, and the library sees it.)
$log = $server->logMessages();
var_dump($server->stop());
echo implode("\n", preg_grep('/^(backend|line client)/', $log)), "\n";
?>
--EXPECTF--
right answers: 20 of 20
big answer right: true
partial writes 1, flushes on writable some
== failures
ERROR connect to <address> failed
ERROR connection closed by the server
PONG
same process: true
int(0)
backend: 20 GETs came, answering them
backend: holding
line client: fwrite() took %s of 8388613 bytes, the rest waits for writable
backend: reading again
line client: connect to 127.0.0.1:%d failed
line client: connection closed by the server
