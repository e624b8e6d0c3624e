--TEST--
HTTP Request: method() (any token, case kept), uri(), path(), queryString(), protocolVersion(), host() with and without the port
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send(json_encode([$r->method(), $r->uri(), $r->path(), $r->queryString(), $r->protocolVersion(),
        $r->host(), $r->host(true), $r->host(false)], JSON_UNESCAPED_SLASHES));
};
Worker::runAll();
PHP);
$c = $server->connect();
foreach ([
    "GET /a/b%20c/d.html?x=1&y=%2F HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
    "POST /form HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n",
    "PURGE /cache/item HTTP/1.1\r\nHost: [::1]:443\r\n\r\n",
    "patch /lower HTTP/1.1\r\nHost: [::1]\r\n\r\n",
    "DELETE /?only=query HTTP/1.1\r\nHost: localhost:1\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
    "GET /keep HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
] as $request) {
    echo strtok($request, "\r"), "\n  ", http_request($c, $request)['body'], "\n";
}
// HTTP/1.0 without keep-alive: the answer says close and the connection ends.
$r = http_request($c, "HEAD /old HTTP/1.0\r\nHost: old.example\r\n\r\n", true);
echo "HEAD /old HTTP/1.0\n  ", $r['status'], ' ', http_header($r, 'Connection'), ' ', http_header($r, 'Content-Length'), "\n";
var_dump(wait_closed($c));
var_dump($server->stop());
?>
--EXPECT--
GET /a/b%20c/d.html?x=1&y=%2F HTTP/1.1
  ["GET","/a/b%20c/d.html?x=1&y=%2F","/a/b%20c/d.html","x=1&y=%2F","1.1","example.com:8080","example.com","example.com:8080"]
POST /form HTTP/1.1
  ["POST","/form","/form","","1.1","example.com","example.com","example.com"]
PURGE /cache/item HTTP/1.1
  ["PURGE","/cache/item","/cache/item","","1.1","[::1]:443","[::1]","[::1]:443"]
patch /lower HTTP/1.1
  ["patch","/lower","/lower","","1.1","[::1]","[::1]","[::1]"]
DELETE /?only=query HTTP/1.1
  ["DELETE","/?only=query","/","only=query","1.1","localhost:1","localhost","localhost:1"]
OPTIONS * HTTP/1.1
  ["OPTIONS","*","*","","1.1","h","h","h"]
GET /keep HTTP/1.0
  ["GET","/keep","/keep","","1.0",null,null,null]
HEAD /old HTTP/1.0
  HTTP/1.1 200 OK close 73
bool(true)
int(0)
