--TEST--
TLS https:// with curl as the client (verifying the certificate against the test CA): a GET and a POST body echoed, two URLs over one TLS connection, a 5 MB answer and a 3 MB withFile() answer arrive intact, HTTP/1.1 agreed by ALPN; openssl s_client offered "h2,http/1.1" gets ALPN http/1.1, offered only "h2" gets no ALPN and is still served
--SKIPIF--
<?php
exec('command -v curl && command -v openssl', $out, $code);
if ($code !== 0) {
    die('skip curl and openssl are needed');
}
?>
--FILE--
<?php
require __DIR__ . '/clients.inc';
$certs = TestCerts::make();
$context = var_export($certs->serverContext(), true);
$server = TestServer::start(<<<PHP
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;
\$w = new Worker('https://127.0.0.1:' . TEST_PORT, $context);
\$w->onMessage = function (\$c, Request \$r) {
    switch (\$r->path()) {
        case '/big':
            \$c->send(file_get_contents(TEST_DIR . '/big.dat'));
            return;
        case '/file':
            \$c->send((new Response())->withFile(TEST_DIR . '/file.dat'));
            return;
        case '/conn':
            \$c->send("connection {\$c->id}\\n");
            return;
    }
    \$body = \$r->rawBody();
    \$c->send(\$r->method() . ' ' . \$r->uri() . (\$body === '' ? '' : " body=\$body") . "\\n");
};
Worker::runAll();
PHP);
// Not multiples of a TLS record (16 KB) nor of the file pieces the server encrypts (64 KB).
$big = random_bytes(5 * 1024 * 1024 + 3);
file_put_contents($server->dir . '/big.dat', $big);
$file = random_bytes(3 * 1024 * 1024 + 11);
file_put_contents($server->dir . '/file.dat', $file);

$show = function (array $result) {
    [$code, $out, $err] = $result;
    echo "exit $code", $err === '' ? '' : " stderr: $err", "\n", $out;
};
echo "== GET\n";
$show(tls_curl($certs, $server, [tls_url($server, '/hello?x=1')]));
echo "== POST\n";
$show(tls_curl($certs, $server, ['--data-binary', 'a=1&b=2', tls_url($server, '/post')]));
echo "== two URLs in one curl run\n";
[$code, $out, $err] = tls_curl($certs, $server, ['-v', tls_url($server, '/conn'), tls_url($server, '/conn')]);
echo "exit $code\n", $out;
// (The cipher suite is left out: it is OpenSSL's choice.)
echo preg_replace('/(TLSv1\.3) \/ \S+/', '$1', implode("\n", lines_matching($err, '/^\* (ALPN: server accepted|Re-using existing connection|SSL connection using)/'))), "\n";
echo "== 5 MB answer\n";
[$code, $out] = tls_curl($certs, $server, ['-o', 'big.out', tls_url($server, '/big')]);
echo "exit $code $out";
echo "same bytes: ", var_export(md5_file($server->dir . '/big.out') === md5($big) && filesize($server->dir . '/big.out') === strlen($big), true), "\n";
echo "== 3 MB withFile() answer\n";
[$code, $out] = tls_curl($certs, $server, ['-D', 'head.out', '-o', 'file.out', tls_url($server, '/file')]);
echo "exit $code $out";
echo "same bytes: ", var_export(md5_file($server->dir . '/file.out') === md5($file) && filesize($server->dir . '/file.out') === strlen($file), true), "\n";
echo implode("\n", lines_matching(file_get_contents($server->dir . '/head.out'), '/^(HTTP|Content-Length)/')), "\n";

$request = "GET /alpn HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
foreach (['h2,http/1.1', 'h2'] as $offer) {
    echo "== s_client -alpn $offer\n";
    [$code, $out] = s_client($server->port, ['-alpn', $offer, '-servername', 'localhost', '-CAfile', $certs->path('ca.pem'), '-ign_eof'], $request);
    echo "exit $code\n";
    echo implode("\n", lines_matching($out, '/^(ALPN protocol|No ALPN|Verify return code|HTTP\/1\.1 |GET \/alpn)/')), "\n";
}
var_dump($server->stop());
?>
--EXPECT--
== GET
exit 0
GET /hello?x=1
(200, HTTP/1.1, new connections: 1)
== POST
exit 0
POST /post body=a=1&b=2
(200, HTTP/1.1, new connections: 1)
== two URLs in one curl run
exit 0
connection 3
(200, HTTP/1.1, new connections: 1)
connection 3
(200, HTTP/1.1, new connections: 0)
* SSL connection using TLSv1.3
* ALPN: server accepted http/1.1
* Re-using existing connection #0 with host localhost
== 5 MB answer
exit 0 (200, HTTP/1.1, new connections: 1)
same bytes: true
== 3 MB withFile() answer
exit 0 (200, HTTP/1.1, new connections: 1)
same bytes: true
HTTP/1.1 200 OK
Content-Length: 3145739
== s_client -alpn h2,http/1.1
exit 0
ALPN protocol: http/1.1
Verify return code: 0 (ok)
HTTP/1.1 200 OK
GET /alpn
== s_client -alpn h2
exit 0
No ALPN negotiated
Verify return code: 0 (ok)
HTTP/1.1 200 OK
GET /alpn
int(0)
