--TEST--
HTTP Request: post() from urlencoded bodies, multipart fields and JSON (any Content-Type containing json), with name lookup and defaults
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http\Request;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $c->send(json_encode([$r->post(), $r->post('a'), $r->post('zz'), $r->post('zz', 'dflt'), $r->file()], JSON_UNESCAPED_SLASHES));
};
Worker::runAll();
PHP);
$b = 'xYzBoundary42';
$multipart = "--$b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst value\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"b[]\"\r\n\r\nline1\r\nline2\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"b[]\"\r\n\r\n\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"c[k]\"\r\n\r\n--not a boundary\r\n"
    . "--$b--\r\n";
$cases = [
    'urlencoded' => ['a=1&b[]=2&b[]=3&c[d][e]=f&enc=%26%3D+x', ['Content-Type: application/x-www-form-urlencoded']],
    'no content type' => ['a=plain&x', []],
    'empty body' => ['', ['Content-Type: application/x-www-form-urlencoded']],
    'multipart' => [$multipart, ["Content-Type: multipart/form-data; boundary=$b"]],
    'multipart quoted boundary' => [$multipart, ["Content-Type: multipart/form-data; boundary=\"$b\""]],
    'json' => ['{"a":{"n":1,"f":1.5,"t":true,"l":[1,"2",null]},"s":"x"}', ['Content-Type: application/json']],
    'json charset' => ['{"a":"é"}', ['Content-Type: application/json; charset=utf-8']],
    'vnd.api+json' => ['{"data":{"type":"t","id":"1"},"a":0}', ['Content-Type: application/vnd.api+json']],
    'json list' => ['[1,2]', ['Content-Type: application/json']],
    'invalid json' => ['{"a":', ['Content-Type: application/json']],
];
$c = $server->connect();
foreach ($cases as $name => [$body, $headers]) {
    echo "$name: ", http_request($c, http_post('/p', $body, $headers))['body'], "\n";
}
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
urlencoded: [{"a":"1","b":["2","3"],"c":{"d":{"e":"f"}},"enc":"&= x"},"1",null,"dflt",[]]
no content type: [{"a":"plain","x":""},"plain",null,"dflt",[]]
empty body: [[],null,null,"dflt",[]]
multipart: [{"a":"first value","b":["line1\r\nline2",""],"c":{"k":"--not a boundary"}},"first value",null,"dflt",[]]
multipart quoted boundary: [{"a":"first value","b":["line1\r\nline2",""],"c":{"k":"--not a boundary"}},"first value",null,"dflt",[]]
json: [{"a":{"n":1,"f":1.5,"t":true,"l":[1,"2",null]},"s":"x"},{"n":1,"f":1.5,"t":true,"l":[1,"2",null]},null,"dflt",[]]
json charset: [{"a":"\u00e9"},"\u00e9",null,"dflt",[]]
vnd.api+json: [{"data":{"type":"t","id":"1"},"a":0},0,null,"dflt",[]]
json list: [[1,2],null,null,"dflt",[]]
invalid json: [[],null,null,"dflt",[]]
int(0)
