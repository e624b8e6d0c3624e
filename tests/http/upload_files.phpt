--TEST--
HTTP uploads: multipart with files and fields; file() entries (name, tmp_name, size, error, type, full_path), name[] as a list, tmp files in uploadTmpDir() with the bytes sent, gone once the Request is destroyed
--FILE--
<?php
require __DIR__ . '/response_reader.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Protocols\Http;
use Surge\Protocols\Http\Request;
$dir = TEST_DIR . '/uploads';
mkdir($dir);
$defaultDir = Http::uploadTmpDir();
$setDir = Http::uploadTmpDir($dir);
$seen = [];
// What the client needs to check an entry: the tmp file's folder and bytes instead of its name.
function view(array $f, string $dir, array &$seen): array
{
    if (!isset($f['tmp_name'])) {
        foreach ($f as $key => $entry) {
            $f[$key] = view($entry, $dir, $seen);
        }
        return $f;
    }
    ksort($f);
    if ($f['tmp_name'] !== '') {
        $seen[] = $f['tmp_name'];
        $f['tmp_name'] = dirname($f['tmp_name']) === $dir ? '<upload dir>' : $f['tmp_name'];
        $f['contents'] = base64_encode(file_get_contents(end($seen)));
    }
    return $f;
}
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, Request $r) use ($dir, $defaultDir, $setDir, &$seen) {
    clearstatcache();
    switch ($r->path()) {
        case '/upload':
            $c->send(json_encode([
                'post' => $r->post(),
                'files' => view($r->file(), $dir, $seen),
                'doc' => view($r->file('doc'), $dir, $seen),
                'photos' => view($r->file('photos'), $dir, $seen),
                'nope' => $r->file('nope'),
                'distinct tmp files' => count(array_unique($seen)),
            ], JSON_UNESCAPED_SLASHES));
            return;
        case '/async':
            // The Request lives on in the timer: its tmp file must live as long.
            $tmp = $r->file('late')['tmp_name'];
            $seen[] = $tmp;
            Timer::add(0.05, function () use ($c, $r, $tmp) {
                clearstatcache();
                $c->send(json_encode([is_file($tmp), file_get_contents($tmp), $r->file('late')['size']]));
            }, [], false);
            return;
        case '/check':
            $c->send(json_encode([
                'default dir is the system temp dir' => $defaultDir === sys_get_temp_dir(),
                'set dir' => $setDir === $dir && Http::uploadTmpDir() === $dir,
                'tmp files seen' => count(array_unique($seen)),
                'still there' => array_values(array_filter(array_unique($seen), 'file_exists')),
                'upload dir' => array_values(array_diff(scandir($dir), ['.', '..'])),
            ], JSON_UNESCAPED_SLASHES));
            return;
    }
};
Worker::runAll();
PHP);

function multipart(string $boundary, array $parts): string
{
    $body = '';
    foreach ($parts as [$headers, $content]) {
        $body .= "--$boundary\r\n" . implode("\r\n", $headers) . "\r\n\r\n" . $content . "\r\n";
    }
    return $body . "--$boundary--\r\n";
}

$boundary = '----SurgeBoundary7MA4YWxk';
$doc = "Hello, upload!\n";
$p1 = "\x00\x01\r\n--notTheBoundary\r\n\xff" . str_repeat('z', 1000) . "\r\n";
$p2 = "\x89PNG\r\n\x1a\n" . str_repeat("\x00\x10", 300);
$body = multipart($boundary, [
    [['Content-Disposition: form-data; name="title"'], 'Hello'],
    [['Content-Disposition: form-data; name="doc"; filename="a.txt"', 'Content-Type: text/plain'], $doc],
    [['Content-Disposition: form-data; name="tags[]"'], 'x'],
    [['Content-Disposition: form-data; name="photos[]"; filename="p1.bin"', 'Content-Type: application/octet-stream'], $p1],
    [['Content-Disposition: form-data; name="photos[]"; filename="p2.png"', 'Content-Type: image/png'], $p2],
    [['Content-Disposition: form-data; name="tags[]"'], 'y'],
    [['Content-Disposition: form-data; name="empty"; filename=""', 'Content-Type: application/octet-stream'], ''],
]);
$c = $server->connect();
$r = http_request($c, http_post('/upload', $body, ["Content-Type: multipart/form-data; boundary=$boundary"]));
$sent = [base64_encode($doc) => 'contents of a.txt', base64_encode($p1) => 'contents of p1.bin', base64_encode($p2) => 'contents of p2.png'];
$answer = json_decode($r['body'], true);
array_walk_recursive($answer, function (&$v, $k) use ($sent) {
    if ($k === 'contents') {
        $v = $sent[$v] ?? 'DIFFERENT: ' . base64_decode($v);
    }
});
foreach ($answer as $k => $v) {
    echo "$k: ", json_encode($v, JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT), "\n";
}

$late = str_repeat('late bytes ', 100);
echo "async: ", http_request($c, http_post('/async', multipart($boundary, [
    [['Content-Disposition: form-data; name="late"; filename="late.txt"', 'Content-Type: text/plain'], $late],
]), ["Content-Type: multipart/form-data; boundary=$boundary"]))['body'] === json_encode([true, $late, strlen($late)]) ? "ok\n" : "wrong\n";

echo "check: ", http_request($c, http_get('/check'))['body'], "\n";
var_dump(glob($server->dir . '/uploads/*'));
fclose($c);
var_dump($server->stop());
?>
--EXPECT--
post: {
    "title": "Hello",
    "tags": [
        "x",
        "y"
    ]
}
files: {
    "doc": {
        "error": 0,
        "full_path": "a.txt",
        "name": "a.txt",
        "size": 15,
        "tmp_name": "<upload dir>",
        "type": "text/plain",
        "contents": "contents of a.txt"
    },
    "photos": [
        {
            "error": 0,
            "full_path": "p1.bin",
            "name": "p1.bin",
            "size": 1025,
            "tmp_name": "<upload dir>",
            "type": "application/octet-stream",
            "contents": "contents of p1.bin"
        },
        {
            "error": 0,
            "full_path": "p2.png",
            "name": "p2.png",
            "size": 608,
            "tmp_name": "<upload dir>",
            "type": "image/png",
            "contents": "contents of p2.png"
        }
    ],
    "empty": {
        "error": 4,
        "full_path": "",
        "name": "",
        "size": 0,
        "tmp_name": "",
        "type": "application/octet-stream"
    }
}
doc: {
    "error": 0,
    "full_path": "a.txt",
    "name": "a.txt",
    "size": 15,
    "tmp_name": "<upload dir>",
    "type": "text/plain",
    "contents": "contents of a.txt"
}
photos: [
    {
        "error": 0,
        "full_path": "p1.bin",
        "name": "p1.bin",
        "size": 1025,
        "tmp_name": "<upload dir>",
        "type": "application/octet-stream",
        "contents": "contents of p1.bin"
    },
    {
        "error": 0,
        "full_path": "p2.png",
        "name": "p2.png",
        "size": 608,
        "tmp_name": "<upload dir>",
        "type": "image/png",
        "contents": "contents of p2.png"
    }
]
nope: null
distinct tmp files: 3
async: ok
check: {"default dir is the system temp dir":true,"set dir":true,"tmp files seen":4,"still there":[],"upload dir":[]}
array(0) {
}
int(0)
