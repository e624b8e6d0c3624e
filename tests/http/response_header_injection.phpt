--TEST--
HTTP Response: names that are not tokens and names or values with CR, LF or NUL throw InvalidArgumentException from every setter; unsafe field lines a subclass writes directly never reach the wire
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
class Sneaky extends Response
{
    public function inject(): static
    {
        $this->headers["X-Evil\r\nInjected"] = 'v';
        $this->headers['X-Evil-Value'] = "v\r\nInjected: 2";
        $this->headers['X-Evil-List'] = ['fine', "bad\nInjected: 3"];
        $this->headers['X-Fine'] = 'yes';
        return $this;
    }
}
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    if ($r->path() === '/sneaky') {
        $c->send((new Sneaky(200, [], 'body'))->inject());
        return;
    }
    $attempts = [
        'ctor name CRLF' => fn() => new Response(200, ["X-Bad\r\nInjected" => 'v']),
        'ctor value CRLF' => fn() => new Response(200, ['X-Ok' => "v\r\nInjected: 1"]),
        'ctor list value LF' => fn() => new Response(200, ['X-Ok' => ['fine', "bad\nvalue"]]),
        'header name space' => fn() => (new Response())->header('Bad Name', 'v'),
        'header name empty' => fn() => (new Response())->header('', 'v'),
        'header name colon' => fn() => (new Response())->header('X:Colon', 'v'),
        'header name non-ASCII' => fn() => (new Response())->header('Ünicode', 'v'),
        'header name NUL' => fn() => (new Response())->header("X-Nul\0", 'v'),
        'header value NUL' => fn() => (new Response())->header('X-Ok', "v\0nul"),
        'header value CR' => fn() => (new Response())->header('Set-Cookie', "a=1\rInjected: 1"),
        'withHeader value CR' => fn() => (new Response())->withHeader('X-Ok', "a\rb"),
        'withHeader name LF' => fn() => (new Response())->withHeader("X\n", 'v'),
        'withHeaders value LF' => fn() => (new Response())->withHeaders(['X-Ok' => "a\nb"]),
        'withHeaders name LF' => fn() => (new Response())->withHeaders(["Bad\n" => 'v']),
        'withHeaders list value CRLF' => fn() => (new Response())->withHeaders(['X-Ok' => ['a', "b\r\n"]]),
    ];
    $out = '';
    foreach ($attempts as $name => $attempt) {
        try {
            $attempt();
            $out .= "$name: no exception\n";
        } catch (\Throwable $e) {
            $out .= "$name: " . get_class($e) . "\n";
        }
    }
    // Legal but unusual: tchar punctuation in a name, a tab and spaces in a value.
    $c->send(new Response(200, ["X-Odd!#$%&'*+.^_`|~" => "one\ttwo  three"], $out));
};
Worker::runAll();
PHP);
$c = $server->connect();
show(http_request($c, http_get('/attempts')));
echo "== subclass writing \$this->headers\n";
show(http_request($c, http_get('/sneaky')));
// Nothing more than those two answers arrived: the next one follows directly.
echo "== next\n";
echo http_request($c, http_get('/attempts'))['status'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK\r\n
X-Odd!#$%&'*+.^_`|~: one	two  three\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 673\r\n
\r\n
ctor name CRLF: InvalidArgumentException\n
ctor value CRLF: InvalidArgumentException\n
ctor list value LF: InvalidArgumentException\n
header name space: InvalidArgumentException\n
header name empty: InvalidArgumentException\n
header name colon: InvalidArgumentException\n
header name non-ASCII: InvalidArgumentException\n
header name NUL: InvalidArgumentException\n
header value NUL: InvalidArgumentException\n
header value CR: InvalidArgumentException\n
withHeader value CR: InvalidArgumentException\n
withHeader name LF: InvalidArgumentException\n
withHeaders value LF: InvalidArgumentException\n
withHeaders name LF: InvalidArgumentException\n
withHeaders list value CRLF: InvalidArgumentException\n
== subclass writing $this->headers
HTTP/1.1 200 OK\r\n
X-Evil-List: fine\r\n
X-Fine: yes\r\n
Server: surge\r\n
Date: <date>\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 4\r\n
\r\n
body
== next
HTTP/1.1 200 OK
int(0)
