--TEST--
TLS session resumption by tickets with count = 2 worker processes (reusePort spreads the connections): a session saved by openssl s_client (-sess_out) is resumed (-sess_in: "Reused") over TLS 1.2 and over TLS 1.3 (whose ticket comes after the handshake), every time, both by the process that issued the ticket and by the other one; a session of a garbled ticket falls back to a full handshake
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
\$w = new Worker('text://127.0.0.1:' . TEST_PORT, $context);
\$w->transport = 'ssl';
\$w->count = 2;
\$w->reusePort = true;
\$w->onConnect = fn(\$c) => \$c->send('served by ' . getmypid());
\$w->onMessage = fn(\$c, \$m) => \$c->close("echo \$m");
Worker::runAll();
PHP);
$server->waitForChildren(2);
// One connection: [New or Reused, TLS version, the pid that served it]. The client sends a
// line and reads until the server closes, so that a TLS 1.3 ticket is read (and saved).
$connect = function (string $version, array $args) use ($server, $certs): array {
    [$code, $out] = s_client($server->port, array_merge([$version, '-CAfile', $certs->path('ca.pem'), '-ign_eof'], $args), "hi\n");
    $how = lines_matching($out, '/^(New|Reused), TLSv/')[0] ?? "exit $code: no handshake";
    $pid = preg_match('/^served by (\d+)$/m', $out, $m) ? (int)$m[1] : 0;
    $answered = str_contains($out, "\necho hi\n");
    return [preg_replace('/, Cipher is \S+$/', '', $how), $pid, $answered];
};
foreach (['-tls1_2', '-tls1_3'] as $version) {
    echo "== $version\n";
    $session = $server->dir . "/session$version";
    [$how, $issuer, $answered] = $connect($version, ['-sess_out', $session]);
    echo "first connection: $how, answered: ", var_export($answered, true), "\n";
    // Resume until both processes have resumed the session at least once (bounded).
    $seen = [];
    $results = [];
    wait_for(function () use ($connect, $version, $session, $issuer, &$seen, &$results) {
        [$how, $pid, $answered] = $connect($version, ['-sess_in', $session]);
        $results[] = $how . ($answered ? '' : ', not answered');
        $seen[$pid === $issuer ? 'the issuer' : 'the other process'] = true;
        return count($seen) === 2;
    }, "resumptions by both processes", 30);
    echo count($results) >= 2 ? 'every resumption: ' : 'too few resumptions: ', implode(' | ', array_unique($results)), "\n";
    ksort($seen);
    echo "resumed by: ", implode(' and ', array_keys($seen)), "\n";
}
echo "== a garbled ticket\n";
$pem = file_get_contents($server->dir . '/session-tls1_2');
$der = base64_decode(preg_replace('/-----[^-]+-----|\s/', '', $pem));
// The ticket is the OCTET STRING in the session's [10]: flip a byte in its middle (past the
// key name, in what the ticket's HMAC protects).
preg_match('/cont \[ 10 \]\s*\n\s*(\d+):d=2\s+hl=\s*(\d+)\s+l=\s*(\d+) prim: OCTET STRING/', $certs->run(['asn1parse', '-in', $server->dir . '/session-tls1_2']), $m)
    or die("no ticket in the session\n");
$at = (int)$m[1] + (int)$m[2] + intdiv((int)$m[3], 2);
$der[$at] = chr(ord($der[$at]) ^ 0xff);
file_put_contents($server->dir . '/garbled', "-----BEGIN SSL SESSION PARAMETERS-----\n" . chunk_split(base64_encode($der), 64, "\n") . "-----END SSL SESSION PARAMETERS-----\n");
[$how, , $answered] = $connect('-tls1_2', ['-sess_in', $server->dir . '/garbled']);
echo "$how, answered: ", var_export($answered, true), "\n";
var_dump($server->stop());
?>
--EXPECT--
== -tls1_2
first connection: New, TLSv1.2, answered: true
every resumption: Reused, TLSv1.2
resumed by: the issuer and the other process
== -tls1_3
first connection: New, TLSv1.3, answered: true
every resumption: Reused, TLSv1.3
resumed by: the issuer and the other process
== a garbled ticket
New, TLSv1.2, answered: true
int(0)
