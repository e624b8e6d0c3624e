--TEST--
Session: Request::sessionId($id) switches the request to that session and sends its cookie (Set-Cookie with the attributes of session_get_cookie_params(): php -n has no lifetime and no HttpOnly), as Workerman does; the next request with that cookie finds the data written under it
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Session;
use Surge\Protocols\Http\Session\FileSessionHandler;
FileSessionHandler::sessionSavePath(TEST_DIR . '/sessions');
Session::$cookiePath = '/';
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $r) {
    if ($r->path() === '/switch') {
        $id = $r->sessionId(str_repeat('E', 32));
        $r->session()->set('who', 'switched');
        $c->send("id $id");
        return;
    }
    $c->send('who ' . $r->session()->get('who', 'nobody'));
};
Worker::runAll();
PHP);
$s = $server->connect();
$first = http_request($s, http_get('/switch'));
echo $first['body'], "\n", http_header($first, 'Set-Cookie'), "\n";
$second = http_request($s, http_get('/', ['Cookie: PHPSID=' . str_repeat('E', 32)]));
echo $second['body'], "\n", var_export(http_header($second, 'Set-Cookie'), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
id EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE
PHPSID=EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE; Path=/
who switched
NULL
int(0)
