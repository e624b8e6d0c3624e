--TEST--
HTTP uploads: Request::$maxFileUploads bounds how many files of one request are taken (and written to disk)
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http;
use Surge\Protocols\Http\Request;
$dir = TEST_DIR . '/uploads';
mkdir($dir);
Http::uploadTmpDir($dir);
$default = Request::$maxFileUploads;
Request::$maxFileUploads = 2;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) use ($dir, $default) {
    $names = [];
    foreach ($r->file() as $field => $entry) {
        $names[] = "$field=" . $entry['name'] . ':' . file_get_contents($entry['tmp_name']);
    }
    $c->send(json_encode([$default, Request::$maxFileUploads, $names, count(scandir($dir)) - 2]));
};
Worker::runAll();
PHP);
$b = 'bnd';
$body = '';
foreach ([1, 2, 3, 4] as $i) {
    $body .= "--$b\r\nContent-Disposition: form-data; name=\"f$i\"; filename=\"$i.txt\"\r\nContent-Type: text/plain\r\n\r\nfile $i\r\n";
}
$body .= "--$b--\r\n";
$c = $server->connect();
echo http_request($c, http_post('/u', $body, ["Content-Type: multipart/form-data; boundary=$b"]))['body'], "\n";
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
[1024,2,["f1=1.txt:file 1","f2=2.txt:file 2"],2]
int(0)
