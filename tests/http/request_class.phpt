--TEST--
HTTP Request: Http::requestClass() makes requests of a subclass, whose writes to $this->data['get'|'post'|'headers'] are what get(), post() and header() return
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http;
use Surge\Protocols\Http\Request;
class MyRequest extends Request
{
    public function rewrite(): void
    {
        $this->data['get'] = ['from' => 'subclass'] + $this->get();
        $this->data['post'] = ['posted' => 'by subclass'];
        $this->data['headers'] = ['x-only' => 'this'];
    }
    public function shout(): string
    {
        return strtoupper($this->path());
    }
}
$default = Http::requestClass();
$set = Http::requestClass(MyRequest::class);
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) use ($default, $set) {
    $out = [$default, $set, Http::requestClass(), get_class($r), $r->shout(), $r->get()];
    $r->rewrite();
    $out[] = $r->get();
    $out[] = $r->get('from');
    $out[] = $r->post();
    $out[] = $r->header();
    $out[] = $r->header('X-Only');
    $out[] = $r->header('host', 'gone');
    $c->send(json_encode($out, JSON_UNESCAPED_SLASHES));
};
Worker::runAll();
PHP);
$c = $server->connect();
echo http_request($c, http_post('/some/path?q=1', 'p=2', ['Content-Type: application/x-www-form-urlencoded']))['body'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
["Surge\\Protocols\\Http\\Request","MyRequest","MyRequest","MyRequest","/SOME/PATH",{"q":"1"},{"from":"subclass","q":"1"},"subclass",{"posted":"by subclass"},{"x-only":"this"},"this","gone"]
int(0)
