--TEST--
TLS transport 'ssl' on the raw protocols text:// and frame://, with PHP's stream TLS client and openssl s_client: what onConnect sent (before the handshake) comes first once it completes; TLS 1.2 and TLS 1.3 are both agreed (no ALPN: raw protocols offer none), TLS 1.1 is refused with a protocol_version alert (and one log line); 200 lines or frames pipelined in one write are answered in order; a 2 MB line and a 2 MB frame come back intact; close() with data sends it before the close
--SKIPIF--
<?php
exec('command -v openssl', $out, $code);
if ($code !== 0) {
    die('skip openssl is needed');
}
?>
--FILE--
<?php
require __DIR__ . '/clients.inc';
$certs = TestCerts::make();
$context = var_export($certs->serverContext(), true);
$server = TestServer::start(<<<PHP
\$text = new Worker('text://127.0.0.1:' . TEST_PORT, $context);
\$text->transport = 'ssl';
\$frame = new Worker('frame://127.0.0.1:' . TEST_PORT2, $context);
\$frame->transport = 'ssl';
foreach ([\$text, \$frame] as \$w) {
    \$w->onConnect = fn(\$c) => \$c->send('welcome');
    \$w->onMessage = function (\$c, \$m) {
        if (\$m === 'quit') {
            \$c->close('bye');
            return;
        }
        \$c->send("echo \$m");
    };
}
Worker::runAll();
PHP);
$protocol = fn($s) => stream_get_meta_data($s)['crypto']['protocol'] ?? 'no crypto';
$writeAll = function ($s, string $bytes) {
    for ($off = 0; $off < strlen($bytes); $off += $n) {
        $n = fwrite($s, substr($bytes, $off));
        if (!$n) {
            throw new RuntimeException("write failed at $off");
        }
    }
};
$readFrame = function ($s) {
    $head = read_bytes($s, 4);
    return strlen($head) === 4 ? read_bytes($s, unpack('N', $head)[1] - 4) : "(no frame: $head)";
};

echo "== text:// over TLS, PHP's stream client\n";
foreach (['default' => [], 'TLS 1.2 only' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]] as $label => $options) {
    $c = tls_connect($certs, $server->port, $options, 10);
    echo "$label: ", $protocol($c), ", first line: ", read_line($c), "\n";
}
$lines = '';
for ($i = 1; $i <= 200; $i++) {
    $lines .= "line $i\n";
}
$writeAll($c, $lines);
$inOrder = true;
for ($i = 1; $i <= 200; $i++) {
    $inOrder = $inOrder && read_line($c) === "echo line $i";
}
echo "200 pipelined lines answered in order: ", var_export($inOrder, true), "\n";
$long = substr(str_repeat(base64_encode(random_bytes(3 * 1024)), 700), 0, 2 * 1024 * 1024);
$writeAll($c, "$long\n");
$back = read_line($c);
echo "2 MB line: ", var_export($back === "echo $long", true), "\n";
$writeAll($c, "quit\n");
echo read_line($c), ", closed: ", var_export(wait_closed($c), true), "\n";

echo "== frame:// over TLS, PHP's stream client\n";
$c = tls_connect($certs, $server->port2, [], 10);
echo $protocol($c), ", first frame: ", $readFrame($c), "\n";
$frames = '';
for ($i = 1; $i <= 200; $i++) {
    $frames .= frame("frame $i");
}
$writeAll($c, $frames);
$inOrder = true;
for ($i = 1; $i <= 200; $i++) {
    $inOrder = $inOrder && $readFrame($c) === "echo frame $i";
}
echo "200 pipelined frames answered in order: ", var_export($inOrder, true), "\n";
$payload = random_bytes(2 * 1024 * 1024);
$writeAll($c, frame($payload));
echo "2 MB frame: ", var_export($readFrame($c) === "echo $payload", true), "\n";
$writeAll($c, frame('quit'));
echo $readFrame($c), ", closed: ", var_export(wait_closed($c), true), "\n";

echo "== text:// over TLS, openssl s_client\n";
foreach (['-tls1_2', '-tls1_3'] as $version) {
    [$code, $out] = s_client($server->port, [$version, '-alpn', 'http/1.1', '-CAfile', $certs->path('ca.pem'), '-ign_eof'], "one\ntwo\nquit\n");
    echo "$version: exit $code\n";
    // The cipher suite is left out: it is OpenSSL's choice.
    echo preg_replace('/, Cipher is \S+$/m', '', implode("\n", lines_matching($out, '/^(New, |Verification|No ALPN|ALPN protocol|welcome|echo |bye|closed)/'))), "\n";
}
// s_client forbids TLS 1.1 at the default security level; level 0 lets it offer it, so that
// the refusal is the server's.
[$code, $out] = s_client($server->port, ['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0', '-CAfile', $certs->path('ca.pem'), '-ign_eof'], "one\n");
echo "-tls1_1: exit $code\n";
echo preg_replace(['/^.*:(tlsv1 alert protocol version):.*$/m', '/, Cipher is \S+$/m'], ['$1', ''], implode("\n", lines_matching($out, '/alert|^New, |^welcome|^echo/'))), "\n";
$server->waitForLog('TLS handshake failed');
echo implode("\n", preg_replace('/:\d+:/', ':PORT:', array_filter($server->logMessages(), fn($l) => str_contains($l, 'TLS')))), "\n";

echo "== the text worker still serves\n";
$c = tls_connect($certs, $server->port);
echo read_line($c), "\n";
fwrite($c, "still here\n");
echo read_line($c), "\n";
var_dump($server->stop());
?>
--EXPECT--
== text:// over TLS, PHP's stream client
default: TLSv1.3, first line: welcome
TLS 1.2 only: TLSv1.2, first line: welcome
200 pipelined lines answered in order: true
2 MB line: true
bye, closed: true
== frame:// over TLS, PHP's stream client
TLSv1.3, first frame: welcome
200 pipelined frames answered in order: true
2 MB frame: true
bye, closed: true
== text:// over TLS, openssl s_client
-tls1_2: exit 0
Verification: OK
New, TLSv1.2
No ALPN negotiated
welcome
echo one
echo two
bye
closed
-tls1_3: exit 0
Verification: OK
New, TLSv1.3
No ALPN negotiated
welcome
echo one
echo two
bye
closed
-tls1_1: exit 1
tlsv1 alert protocol version
New, (NONE)
Worker[none] connection 5 from 127.0.0.1:PORT: TLS handshake failed: unsupported protocol; closing it
== the text worker still serves
welcome
echo still here
int(0)
