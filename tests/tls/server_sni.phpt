--TEST--
TLS SNI: with SNI_server_certs (second.test as ['local_cert', 'local_pk'], *.second.test as one file holding certificate and key), the name a client sends picks the certificate: second.test (in any case) gets the second certificate, a.second.test gets it by the wildcard, b.a.second.test (two labels), localhost, an unknown name and no name at all get the default one; with SNI_enabled false every name gets the default one; each certificate is served with its chain verified by the test CA, and the connection then works
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
file_put_contents($certs->path('second-combined.pem'), file_get_contents($certs->path('second.pem')) . file_get_contents($certs->path('second.key')));
$sni = ['SNI_server_certs' => [
    'second.test' => ['local_cert' => $certs->path('second.pem'), 'local_pk' => $certs->path('second.key')],
    '*.second.test' => $certs->path('second-combined.pem'),
]];
$on = var_export($certs->serverContext($sni), true);
$off = var_export($certs->serverContext($sni + ['SNI_enabled' => false]), true);
$server = TestServer::start(<<<PHP
\$on = new Worker('text://127.0.0.1:' . TEST_PORT, $on);
\$off = new Worker('text://127.0.0.1:' . TEST_PORT2, $off);
foreach ([\$on, \$off] as \$w) {
    \$w->transport = 'ssl';
    \$w->onMessage = fn(\$c, \$m) => \$c->close("echo \$m");
}
Worker::runAll();
PHP);
foreach ([$server->port => 'SNI_enabled (default)', $server->port2 => 'SNI_enabled false'] as $port => $label) {
    echo "== $label\n";
    foreach (['second.test', 'SECOND.Test', 'a.second.test', 'b.a.second.test', 'localhost', 'unknown.test', null] as $name) {
        $args = $name === null ? ['-noservername'] : ['-servername', $name];
        [$code, $out] = s_client($port, array_merge($args, ['-CAfile', $certs->path('ca.pem'), '-ign_eof']), "hi\n");
        printf("%-16s exit %d, %s, %s, %s\n", $name ?? '(no SNI)', $code, s_client_subject($out),
            lines_matching($out, '/^Verification/')[0] ?? 'no verification', lines_matching($out, '/^echo hi$/')[0] ?? 'no answer');
    }
}
echo "== PHP's client, verifying the name\n";
foreach (['second.test', 'x.second.test', 'localhost'] as $name) {
    $c = tls_connect($certs, $server->port, ['peer_name' => $name, 'capture_peer_cert' => true]);
    $cert = openssl_x509_parse(stream_context_get_params($c)['options']['ssl']['peer_certificate']);
    fwrite($c, "hi\n");
    echo "$name: CN={$cert['subject']['CN']}, ", read_line($c), "\n";
}
var_dump($server->stop());
?>
--EXPECT--
== SNI_enabled (default)
second.test      exit 0, subject=CN = second.test, Verification: OK, echo hi
SECOND.Test      exit 0, subject=CN = second.test, Verification: OK, echo hi
a.second.test    exit 0, subject=CN = second.test, Verification: OK, echo hi
b.a.second.test  exit 0, subject=CN = localhost, Verification: OK, echo hi
localhost        exit 0, subject=CN = localhost, Verification: OK, echo hi
unknown.test     exit 0, subject=CN = localhost, Verification: OK, echo hi
(no SNI)         exit 0, subject=CN = localhost, Verification: OK, echo hi
== SNI_enabled false
second.test      exit 0, subject=CN = localhost, Verification: OK, echo hi
SECOND.Test      exit 0, subject=CN = localhost, Verification: OK, echo hi
a.second.test    exit 0, subject=CN = localhost, Verification: OK, echo hi
b.a.second.test  exit 0, subject=CN = localhost, Verification: OK, echo hi
localhost        exit 0, subject=CN = localhost, Verification: OK, echo hi
unknown.test     exit 0, subject=CN = localhost, Verification: OK, echo hi
(no SNI)         exit 0, subject=CN = localhost, Verification: OK, echo hi
== PHP's client, verifying the name
second.test: CN=second.test, echo hi
x.second.test: CN=second.test, echo hi
localhost: CN=localhost, echo hi
int(0)
