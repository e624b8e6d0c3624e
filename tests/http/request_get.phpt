--TEST--
HTTP Request: get() parses the query string like parse_str (nested a[b][]=, encoded values), looks names up and falls back to defaults
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
        'all' => $r->get(),
        'x' => $r->get('x'),
        'a' => $r->get('a'),
        'missing' => $r->get('missing'),
        'missing default' => $r->get('missing', 'dflt'),
        'present default' => $r->get('x', 'dflt'),
        'queryString' => $r->queryString(),
    ]));
};
Worker::runAll();
PHP);
$c = $server->connect();
foreach ([
    '/search?a[b][]=1&a[b][]=2&a[c]=3&x=y&empty=&enc=%20sp+ace%26&list[]=p&list[]=q',
    '/no-query',
    '/trailing?',
    '/only-flag?flag',
    // The same query again: a cache of parsed queries must not mix requests up.
    '/search?x=second',
] as $target) {
    echo "== $target\n", http_request($c, http_get($target))['body'];
}
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
== /search?a[b][]=1&a[b][]=2&a[c]=3&x=y&empty=&enc=%20sp+ace%26&list[]=p&list[]=q
all: {"a":{"b":["1","2"],"c":"3"},"x":"y","empty":"","enc":" sp ace&","list":["p","q"]}
x: "y"
a: {"b":["1","2"],"c":"3"}
missing: null
missing default: "dflt"
present default: "y"
queryString: "a[b][]=1&a[b][]=2&a[c]=3&x=y&empty=&enc=%20sp+ace%26&list[]=p&list[]=q"
== /no-query
all: []
x: null
a: null
missing: null
missing default: "dflt"
present default: "dflt"
queryString: ""
== /trailing?
all: []
x: null
a: null
missing: null
missing default: "dflt"
present default: "dflt"
queryString: ""
== /only-flag?flag
all: {"flag":""}
x: null
a: null
missing: null
missing default: "dflt"
present default: "dflt"
queryString: "flag"
== /search?x=second
all: {"x":"second"}
x: "second"
a: null
missing: null
missing default: "dflt"
present default: "second"
queryString: "x=second"
int(0)
