--TEST--
Fibers: with Worker::$eventLoopClass = Workerman\Events\Fiber::class the asynchronous line client of async_library.phpt is wrapped into a synchronous-looking query() that suspends the calling fiber (Fiber::suspend()) until the reply resumes it ($fiber->resume($reply) from the library's onReadable callback); onMessage of an http:// worker (2 processes) calls it twice in a row; 10 concurrent requests, which the backend answers only once all 10 questions (then all 10 second questions) came, each get their own two answers, in the fiber that asked
--FILE--
<?php
require __DIR__ . '/../../helper.inc';
$server = TestServer::start("require '" . __DIR__ . "/line_client.inc';\n" . <<<'PHP'
use Workerman\Protocols\Http\Response;

/** The same library, synchronous-looking: query() returns the reply. */
class SyncLineClient
{
    public function __construct(private LineClient $client)
    {
    }

    public function query(string $command): string
    {
        $fiber = Fiber::getCurrent();
        if ($fiber === null) {
            throw new LogicException('query() must be called in a fiber');
        }
        $this->client->query($command, function (string $reply) use ($fiber) {
            $fiber->resume($reply);
        });
        return Fiber::suspend();
    }
}

Worker::$eventLoopClass = Workerman\Events\Fiber::class;

line_backend('text://127.0.0.1:' . TEST_PORT2, 10);

$http = new Worker('http://127.0.0.1:' . TEST_PORT);
$http->name = 'web';
$http->count = 2;
$http->onWorkerStart = function () {
    global $db;
    Worker::log('web loop is Workerman\Events\Fiber: ' . var_export(Worker::getEventLoop() instanceof Workerman\Events\Fiber, true));
    $db = new SyncLineClient(new LineClient('127.0.0.1:' . TEST_PORT2));
};
$http->onMessage = function (TcpConnection $connection, $request) {
    global $db;
    $fiber = Fiber::getCurrent();
    $key = $request->get('key');
    $first = $db->query("GET $key");
    $second = $db->query("GET $key.2");
    $connection->send(new Response(200, ['Content-Type' => 'text/plain'],
        "$first $second; same fiber: " . var_export($fiber !== null && Fiber::getCurrent() === $fiber, true)));
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);

function read_response($socket): string
{
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n") && ($line = fgets($socket)) !== false) {
        $head .= $line;
    }
    preg_match('/\r\nContent-Length: (\d+)\r\n/i', $head, $m);
    return $head . read_bytes($socket, (int)($m[1] ?? 0));
}

$server->waitForLog('web loop', 10, 2);
$clients = [];
for ($i = 1; $i <= 10; $i++) {
    $c = $server->connect(10);
    fwrite($c, "GET /?key=k$i HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    $clients[$i] = $c;
}
$right = 0;
foreach ($clients as $i => $c) {
    $response = read_response($c);
    $expected = "k$i=" . md5("k$i") . " k$i.2=" . md5("k$i.2") . '; same fiber: true';
    if (str_starts_with($response, "HTTP/1.1 200 OK\r\n") && substr($response, strpos($response, "\r\n\r\n") + 4) === $expected) {
        $right++;
    } else {
        echo "request $i got: ", json_encode($response), "\n";
    }
}
echo "right answers: $right of 10\n";
$log = $server->logMessages();
var_dump($server->stop());
// Two batches: the ten first questions, then the ten second ones.
echo implode("\n", preg_grep('/^(backend|line client|web loop)/', $log)), "\n";
?>
--EXPECT--
right answers: 10 of 10
int(0)
web loop is Workerman\Events\Fiber: true
web loop is Workerman\Events\Fiber: true
backend: 10 GETs came, answering them
backend: 10 GETs came, answering them
