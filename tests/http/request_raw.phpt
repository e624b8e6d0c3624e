--TEST--
HTTP Request: rawHead(), rawBody(), rawBuffer() and __toString() give the request's bytes; magic properties, $context and $connection belong to one request
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
function report(array $items): string {
    $out = '';
    foreach ($items as $k => $v) {
        $out .= "$k: " . json_encode($v, JSON_UNESCAPED_SLASHES) . "\n";
    }
    return $out;
}
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $before = [isset($r->foo), $r->foo, $r->properties, $r->context];
    $r->foo = 1;
    $r->bar = ['x' => 'y'];
    $r->context['mine'] = $r->path();
    $after = [isset($r->foo), $r->foo, $r->bar, $r->properties, $r->context];
    unset($r->foo);
    $c->send(report([
        'rawHead' => $r->rawHead(),
        'rawBody' => $r->rawBody(),
        'rawBuffer' => $r->rawBuffer(),
        'toString' => (string)$r,
        'same' => (string)$r === $r->rawBuffer() && $r->rawBuffer() === $r->rawHead() . "\r\n\r\n" . $r->rawBody(),
        'connection' => $r->connection === $c,
        'before' => $before,
        'after' => $after,
        'unset' => [isset($r->foo), $r->properties],
    ]));
};
Worker::runAll();
PHP);
$c = $server->connect();
// Two pipelined requests in one write: each Request has its own bytes, properties and context.
fwrite($c, "POST /first?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nX-A: b\r\n\r\nhello\r\nbody"
    . "GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
echo http_read($c)['body'], "--\n", http_read($c)['body'];
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
rawHead: "POST /first?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nX-A: b"
rawBody: "hello\r\nbody"
rawBuffer: "POST /first?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nX-A: b\r\n\r\nhello\r\nbody"
toString: "POST /first?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nX-A: b\r\n\r\nhello\r\nbody"
same: true
connection: true
before: [false,null,[],[]]
after: [true,1,{"x":"y"},{"foo":1,"bar":{"x":"y"}},{"mine":"/first"}]
unset: [false,{"bar":{"x":"y"}}]
--
rawHead: "GET /second HTTP/1.1\r\nHost: 127.0.0.1"
rawBody: ""
rawBuffer: "GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
toString: "GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
same: true
connection: true
before: [false,null,[],[]]
after: [true,1,{"x":"y"},{"foo":1,"bar":{"x":"y"}},{"mine":"/second"}]
unset: [false,{"bar":{"x":"y"}}]
int(0)
