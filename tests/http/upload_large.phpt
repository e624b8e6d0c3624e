--TEST--
HTTP uploads: a 100 MB file (maxPackageSize raised) arrives whole: the tmp file's size and md5 are those sent
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http;
use Surge\Protocols\Http\Request;
ini_set('memory_limit', '1G');
TcpConnection::$defaultMaxPackageSize = 200 * 1024 * 1024;
mkdir(TEST_DIR . '/uploads');
Http::uploadTmpDir(TEST_DIR . '/uploads');
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) {
    $f = $r->file('big');
    $c->send(json_encode([$f['name'], $f['error'], $f['size'], filesize($f['tmp_name']), md5_file($f['tmp_name']), $r->post()]));
};
Worker::runAll();
PHP);
$b = 'bigBoundary';
$mib = 1024 * 1024;
$blocks = 100;
$before = "--$b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nbig one\r\n"
    . "--$b\r\nContent-Disposition: form-data; name=\"big\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n";
$after = "\r\n--$b--\r\n";
$c = $server->connect(30);
fwrite($c, "POST /big HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=$b\r\n"
    . 'Content-Length: ' . (strlen($before) + $blocks * $mib + strlen($after)) . "\r\n\r\n" . $before);
// The file is generated block by block: one random MiB, each copy stamped with its index
// so that a lost, repeated or reordered block changes the hash.
$block = random_bytes($mib);
$md5 = hash_init('md5');
$written = 0;
for ($i = 0; $i < $blocks; $i++) {
    $data = substr_replace($block, sprintf('%08d', $i), $i * 1000, 8);
    hash_update($md5, $data);
    $written += fwrite($c, $data);
}
fwrite($c, $after);
$r = http_read($c);
echo $r['status'], "\n";
[$name, $error, $size, $fileSize, $serverMd5, $post] = json_decode($r['body'], true);
var_dump($name, $error, $written, $size, $fileSize, $serverMd5 === hash_final($md5), $post);
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK
string(7) "big.bin"
int(0)
int(104857600)
int(104857600)
int(104857600)
bool(true)
array(1) {
  ["note"]=>
  string(7) "big one"
}
int(0)
