<?php
// An HTTP server: `php examples/http_server.php start`, then
// `curl -i http://127.0.0.1:8080/` (or /json?name=you, /visits, /stream).
// HTTP_LISTEN=0.0.0.0:8080 listens on every interface (the Dockerfile sets it).
use Surge\Worker;
use Surge\Timer;
use Surge\Protocols\Http\Chunk;
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;

$http = new Worker('http://' . (getenv('HTTP_LISTEN') ?: '127.0.0.1:8080'));
$http->name = 'http';
$http->count = 2;
$http->onMessage = function ($connection, Request $request) {
    switch ($request->path()) {
        case '/':
            $connection->send("Hello from Surge, worker pid " . getmypid() . "\n");
            return;
        case '/json':
            $connection->send(new Response(200, ['Content-Type' => 'application/json'],
                json_encode(['hello' => $request->get('name', 'world')]) . "\n"));
            return;
        case '/visits':
            $session = $request->session();
            $session->set('visits', $session->get('visits', 0) + 1);
            $connection->send("visits in this session: {$session->get('visits')}\n");
            return;
        case '/stream':
            $connection->send(new Response(200, ['Transfer-Encoding' => 'chunked']));
            $n = 0;
            // Five chunks, one every 0.2 s, then the empty chunk that ends the answer.
            $id = Timer::add(0.2, function () use ($connection, &$n, &$id) {
                $connection->send(new Chunk("chunk " . ++$n . "\n"));
                if ($n === 5) {
                    $connection->send(new Chunk(''));
                    Timer::del($id);
                }
            });
            return;
        default:
            $connection->send(new Response(404, [], "not found\n"));
    }
};
Worker::runAll();
