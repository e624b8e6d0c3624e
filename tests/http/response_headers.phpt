--TEST--
HTTP Response: header()/withHeader() replace in place, withHeaders() merges like array_merge_recursive (repeated lines), withoutHeader(), the getters, withBody()/rawBody()
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
function build(array &$chained): Response
{
    $r = new Response(200, ['X-A' => 'ctor', 'X-Keep' => 'k']);
    $chained[] = $r->header('X-B', 'b') === $r;
    $chained[] = $r->withHeader('X-A', 'replaced') === $r;
    $chained[] = $r->withHeaders(['X-B' => 'b2', 'X-C' => ['c1', 'c2'], 'X-D' => 'd']) === $r;
    $r->withHeaders(['X-C' => ['c3'], 'X-D' => ['d2']]);
    $r->withHeader('X-Gone', 'x');
    $chained[] = $r->withoutHeader('X-Gone') === $r;
    $r->withoutHeader('X-Never-Set');
    $r->header('X-List', ['v1', 'v2']);
    $chained[] = $r->withBody('first') === $r;
    $r->withBody('final body');
    $chained[] = $r->withStatus(202) === $r;
    $chained[] = $r->withProtocolVersion('1.1') === $r;
    return $r;
}
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $chained = [];
    $response = build($chained);
    if ($r->path() === '/wire') {
        $c->send($response);
        return;
    }
    $c->send(json_encode([
        'chained' => $chained,
        'getHeaders' => $response->getHeaders(),
        'getHeader X-A' => $response->getHeader('X-A'),
        'getHeader X-B' => $response->getHeader('X-B'),
        'getHeader X-Gone' => $response->getHeader('X-Gone'),
        'getStatusCode' => $response->getStatusCode(),
        'getReasonPhrase' => $response->getReasonPhrase(),
        'getReasonPhrase custom' => (new Response())->withStatus(400, 'Nope')->getReasonPhrase(),
        'rawBody' => $response->rawBody(),
        'default getters' => [(new Response())->getStatusCode(), (new Response())->getHeaders(), (new Response())->rawBody()],
    ], JSON_PRETTY_PRINT));
};
Worker::runAll();
PHP);
$c = $server->connect();
show(http_request($c, http_get('/wire')));
echo http_request($c, http_get('/getters'))['body'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 202 Accepted\r\n
X-A: replaced\r\n
X-Keep: k\r\n
X-B: b\r\n
X-B: b2\r\n
X-C: c1\r\n
X-C: c2\r\n
X-C: c3\r\n
X-D: d\r\n
X-D: d2\r\n
X-List: v1\r\n
X-List: v2\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 10\r\n
\r\n
final body
{
    "chained": [
        true,
        true,
        true,
        true,
        true,
        true,
        true
    ],
    "getHeaders": {
        "X-A": "replaced",
        "X-Keep": "k",
        "X-B": [
            "b",
            "b2"
        ],
        "X-C": [
            "c1",
            "c2",
            "c3"
        ],
        "X-D": [
            "d",
            "d2"
        ],
        "X-List": [
            "v1",
            "v2"
        ]
    },
    "getHeader X-A": "replaced",
    "getHeader X-B": [
        "b",
        "b2"
    ],
    "getHeader X-Gone": null,
    "getStatusCode": 202,
    "getReasonPhrase": null,
    "getReasonPhrase custom": "Nope",
    "rawBody": "final body",
    "default getters": [
        200,
        [],
        ""
    ]
}
int(0)
