--TEST--
HTTP ServerSentEvents: a text/event-stream Response sends only its head (no Content-Length), then events with comments, event, id, retry and multi-line data, byte-exact
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
use Surge\Protocols\Http\ServerSentEvents;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send(new Response(200, ['Content-Type' => 'text/event-stream', 'Cache-Control' => 'no-cache']));
    $c->send(new ServerSentEvents(['' => 'hello, this is a comment']));
    $c->send(new ServerSentEvents(['data' => 'just data']));
    $c->send(new ServerSentEvents(['event' => 'update', 'id' => 7, 'retry' => 3000, 'data' => "line one\nline two\nline three"]));
    Timer::add(0.02, function () use ($c) {
        // Keys in any order come out in the order comment, event, id, retry, data.
        $c->send(new ServerSentEvents(['data' => '{"json":true}', 'retry' => '10', 'id' => 'abc-1', 'event' => 'ping', '' => 'c']));
        $c->send(new ServerSentEvents(['event' => 'no-data']));
        $c->send((string)new ServerSentEvents(['id' => '8']) === "id: 8\n\n" ? new ServerSentEvents(['data' => 'string form ok']) : 'string form wrong');
    }, [], false);
};
Worker::runAll();
PHP);
$c = $server->connect();
fwrite($c, http_get('/events', ['Accept: text/event-stream']));
$head = '';
while (!str_ends_with($head, "\r\n\r\n") && ($line = fgets($c)) !== false) {
    $head .= $line;
}
echo rtrim(wire(mask_date($head))), "\n--\n";
$events = ": hello, this is a comment\n\n"
    . "data: just data\n\n"
    . "event: update\nid: 7\nretry: 3000\ndata: line one\ndata: line two\ndata: line three\n\n"
    . ": c\nevent: ping\nid: abc-1\nretry: 10\ndata: {\"json\":true}\n\n"
    . "event: no-data\n\n"
    . "data: string form ok\n\n";
$got = read_bytes($c, strlen($events));
echo wire($got);
echo "--\nas expected: ", var_export($got === $events, true), "\n";
// Nothing else: no Content-Length framing, no chunk terminator.
stream_set_timeout($c, 0, 200000);
var_dump((string)fread($c, 100), feof($c));
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK\r\n
Content-Type: text/event-stream\r\n
Cache-Control: no-cache\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
\r\n
--
: hello, this is a comment\n
\n
data: just data\n
\n
event: update\n
id: 7\n
retry: 3000\n
data: line one\n
data: line two\n
data: line three\n
\n
: c\n
event: ping\n
id: abc-1\n
retry: 10\n
data: {"json":true}\n
\n
event: no-data\n
\n
data: string form ok\n
\n
--
as expected: true
string(0) ""
bool(false)
int(0)
