--TEST--
Session over HTTP: the first $request->session() issues a Set-Cookie with the Session cookie params; the cookie sent back finds the same data; bad cookies get a new id; sessionRegenerateId() moves the data to a new id
--FILE--
<?php
require __DIR__ . '/session.inc';

/** Sends one request and reads one response (head + Content-Length body). */
function exchange($socket, string $request): array
{
    fwrite($socket, $request);
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n")) {
        $line = fgets($socket);
        if ($line === false) {
            throw new RuntimeException('incomplete response head: ' . json_encode($head));
        }
        $head .= $line;
    }
    $length = preg_match('/\r\nContent-Length: (\d+)\r\n/i', $head, $m) ? (int)$m[1] : 0;
    return [$head, read_bytes($socket, $length)];
}

/** Shows the ids as SID1, SID2... in the order they first appear, after checking their form. */
function show(string $text): string
{
    static $ids = [];
    $text = preg_replace('/\r\nDate: [^\r]+\r\n/', "\r\nDate: DATE\r\n", $text);
    return preg_replace_callback('/(?<![0-9a-zA-Z])[0-9a-v]{32}(?![0-9a-zA-Z])/', function ($m) use (&$ids) {
        $ids[$m[0]] ??= 'SID' . (count($ids) + 1);
        return $ids[$m[0]];
    }, $text);
}

function cookie_id(string $head): ?string
{
    return preg_match('/\r\nSet-Cookie: PHPSID=([^;\r]+)/', $head, $m) ? $m[1] : null;
}

$server = TestServer::start(<<<'PHP'
ini_set('session.cookie_httponly', '1');  // read by Session::init() when the class loads
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
use Surge\Protocols\Http\Session;
Session::handlerClass(Session\FileSessionHandler::class, ['save_path' => TEST_DIR . '/sessions']);
Session::$gcProbability = [0, 1];
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    switch ($r->path()) {
        case '/set':
            $s = $r->session();
            $s->set('name', $r->get('name'));
            $s->set('count', $s->get('count', 0) + 1);
            $c->send('set ' . $s->getId() . ' same object ' . var_export($s === $r->session(), true));
            return;
        case '/get':
            $c->send($r->sessionId() . ' ' . json_encode($r->session()->all()));
            return;
        case '/response':
            $r->session()->set('via', 'Response');
            $c->send(new Response(201, [], 'created'));
            return;
        case '/regenerate':
            $old = $r->sessionId();
            $new = $r->sessionRegenerateId($r->get('delete') === '1');
            $c->send("old $old new $new");
            return;
    }
    $c->send('no session');
};
Worker::runAll();
PHP);
$dir = $server->dir . '/sessions';
$c = $server->connect();

echo "-- first request: a new id, sent as a cookie\n";
[$head, $body] = exchange($c, "GET /set?name=ann HTTP/1.1\r\nHost: x\r\n\r\n");
echo show($head . $body), "\n";
$id = cookie_id($head);
var_dump(preg_match('/^[a-zA-Z0-9,-]{16,256}$/', $id) === 1, str_contains($body, $id));

echo "-- the cookie sent back finds the data; no new cookie\n";
[$head, $body] = exchange($c, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: other=1; PHPSID=$id\r\n\r\n");
echo show($head . $body), "\n";
var_dump(unserialize(file_get_contents("$dir/session_$id")));
[$head, $body] = exchange($c, "GET /set?name=bob HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$id\r\n\r\n");
echo show($body), "\n";
$c2 = $server->connect();
[$head, $body] = exchange($c2, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$id\r\n\r\n");
echo show($head . $body), "\n";

echo "-- a request that does not touch the session gets no cookie\n";
[$head, $body] = exchange($c2, "GET /none HTTP/1.1\r\nHost: x\r\n\r\n");
echo show($head . $body), "\n";

echo "-- a cookie that is not a session id is replaced, never used as a file name\n";
foreach (['../../../../../../etc/passwd', 'short', str_repeat('z', 257), 'aaaaaaaaaaaaaaaa<script>', ''] as $bad) {
    [$head, $body] = exchange($c2, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$bad\r\n\r\n");
    $new = cookie_id($head);
    echo $new !== null && $new !== $bad && str_starts_with($body, "$new []") ? "new id\n" : "WRONG: $head$body\n";
}

echo "-- a quoted cookie value is the id inside the quotes\n";
[$head, $body] = exchange($c2, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=\"$id\"\r\n\r\n");
echo show($head . $body), "\n";

echo "-- a Response object carries the cookie too\n";
[$head, $body] = exchange($c2, "GET /response HTTP/1.1\r\nHost: x\r\n\r\n");
echo show($head . $body), "\n";
$viaResponse = cookie_id($head);
[$head, $body] = exchange($c2, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$viaResponse\r\n\r\n");
echo show($body), "\n";

echo "-- sessionRegenerateId(): the data moves to a new id, sent as a cookie\n";
[$head, $body] = exchange($c, "GET /regenerate HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$id\r\n\r\n");
echo show($head . $body), "\n";
$regenerated = cookie_id($head);
var_dump($regenerated !== $id, file_exists("$dir/session_$id"));
[$head, $body] = exchange($c, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$regenerated\r\n\r\n");
echo show($body), "\n";
echo "-- sessionRegenerateId(true) also deletes the old session\n";
[$head, $body] = exchange($c, "GET /regenerate?delete=1 HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$regenerated\r\n\r\n");
echo show($body), "\n";
$third = cookie_id($head);
[$head, $body] = exchange($c, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$third\r\n\r\n");
echo show($body), "\n";
[$head, $body] = exchange($c, "GET /get HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=$regenerated\r\n\r\n");
echo show($head . $body), "\n";
// A session is saved when its request is done with, after the response went out: the files
// are looked at once later requests on the same worker have been answered.
var_dump(file_exists("$dir/session_$regenerated"), file_exists("$dir/session_$third"));
$files = array_map('show', array_diff(scandir($dir), ['.', '..']));
sort($files);
echo implode(' ', $files), "\n";
fclose($c);
fclose($c2);
var_dump($server->stop());
echo $server->log() === '' || !preg_match('/error|exception|warning|notice/i', $server->log()) ? "log clean\n" : $server->log();

echo "-- every cookie attribute, from the Session statics\n";
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Session;
Session::handlerClass(Session\FileSessionHandler::class, ['save_path' => TEST_DIR . '/sessions']);
Session::$name = 'SID';
Session::$cookieLifetime = 600;
Session::$cookiePath = '/app';
Session::$domain = 'example.com';
Session::$sameSite = 'Lax';
Session::$secure = true;
Session::$httpOnly = true;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $r) {
    $c->send(json_encode([$r->cookie('SID'), $r->cookie('PHPSID')]) . ' ' . $r->session()->getId());
};
Worker::runAll();
PHP);
$c = $server->connect();
[$head, $body] = exchange($c, "GET / HTTP/1.1\r\nHost: x\r\nCookie: PHPSID=" . str_repeat('w', 32) . "\r\n\r\n");
echo show($head . $body), "\n";
preg_match('/\r\nSet-Cookie: SID=([^;\r]+)/', $head, $m);
[$head, $body] = exchange($c, "GET / HTTP/1.1\r\nHost: x\r\nCookie: SID={$m[1]}\r\n\r\n");
echo show($head . $body), "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
-- first request: a new id, sent as a cookie
HTTP/1.1 200 OK
Set-Cookie: PHPSID=SID1; Path=/; HttpOnly
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 53

set SID1 same object true
bool(true)
bool(true)
-- the cookie sent back finds the data; no new cookie
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 57

SID1 {"name":"ann","count":1}
array(2) {
  ["name"]=>
  string(3) "ann"
  ["count"]=>
  int(1)
}
set SID1 same object true
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 57

SID1 {"name":"bob","count":2}
-- a request that does not touch the session gets no cookie
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 10

no session
-- a cookie that is not a session id is replaced, never used as a file name
new id
new id
new id
new id
new id
-- a quoted cookie value is the id inside the quotes
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 57

SID1 {"name":"bob","count":2}
-- a Response object carries the cookie too
HTTP/1.1 201 Created
Set-Cookie: PHPSID=SID2; Path=/; HttpOnly
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 7

created
SID2 {"via":"Response"}
-- sessionRegenerateId(): the data moves to a new id, sent as a cookie
HTTP/1.1 200 OK
Set-Cookie: PHPSID=SID3; Path=/; HttpOnly
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 73

old SID1 new SID3
bool(true)
bool(true)
SID3 {"name":"bob","count":2}
-- sessionRegenerateId(true) also deletes the old session
old SID3 new SID4
SID4 {"name":"bob","count":2}
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 35

SID3 []
bool(false)
bool(true)
session_SID1 session_SID2 session_SID4
int(0)
log clean
-- every cookie attribute, from the Session statics
HTTP/1.1 200 OK
Set-Cookie: SID=SID5; Domain=example.com; Max-Age=600; Path=/app; SameSite=Lax; Secure; HttpOnly
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 74

[null,"wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"] SID5
HTTP/1.1 200 OK
Server: surge
Date: DATE
Connection: keep-alive
Content-Type: text/html;charset=utf-8
Content-Length: 74

["SID5",null] SID5
int(0)
