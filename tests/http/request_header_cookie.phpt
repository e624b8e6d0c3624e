--TEST--
HTTP Request: header() lowercases names, joins repeated fields with ",", looks names up case-insensitively with defaults; cookie() splits on ";" and the first "="
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
    $c->send(report([
        'header()' => $r->header(),
        "header('X-Custom-Header')" => $r->header('X-Custom-Header'),
        "header('accept')" => $r->header('accept'),
        "header('missing')" => $r->header('missing'),
        "header('missing', 'd')" => $r->header('missing', 'd'),
        "header('x-empty', 'd')" => $r->header('x-empty', 'd'),
        'cookie()' => $r->cookie(),
        "cookie('b')" => $r->cookie('b'),
        "cookie('c')" => $r->cookie('c'),
        "cookie('B')" => $r->cookie('B'),
        "cookie('none', 'd')" => $r->cookie('none', 'd'),
    ]));
};
Worker::runAll();
PHP);
$c = $server->connect();
echo http_request($c, "GET /h HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Custom-Header: One\r\nACCEPT: text/plain\r\n"
    . "x-custom-header: Two\r\nX-Empty:\r\nX-Spaces:   inner  spaces\r\nX-CUSTOM-HEADER: Three\r\n"
    . "Cookie: a=1; b=two words; c=x=y=z;d = 4 ;flag; e=; f=%20enc\r\n\r\n")['body'];
echo "--\n";
echo http_request($c, "GET /h HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")['body'];
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
header(): {"host":"127.0.0.1","x-custom-header":"One,Two,Three","accept":"text/plain","x-empty":"","x-spaces":"inner  spaces","cookie":"a=1; b=two words; c=x=y=z;d = 4 ;flag; e=; f=%20enc"}
header('X-Custom-Header'): "One,Two,Three"
header('accept'): "text/plain"
header('missing'): null
header('missing', 'd'): "d"
header('x-empty', 'd'): ""
cookie(): {"a":"1","b":"two words","c":"x=y=z","d":" 4 ","e":"","f":"%20enc"}
cookie('b'): "two words"
cookie('c'): "x=y=z"
cookie('B'): null
cookie('none', 'd'): "d"
--
header(): {"host":"127.0.0.1"}
header('X-Custom-Header'): null
header('accept'): null
header('missing'): null
header('missing', 'd'): "d"
header('x-empty', 'd'): "d"
cookie(): []
cookie('b'): null
cookie('c'): null
cookie('B'): null
cookie('none', 'd'): "d"
int(0)
