--TEST--
TLS servers requiring client certificates (verify_peer => true, cafile => the test CA): curl with a certificate of the CA is served over TLS 1.3 and 1.2; curl without one (TLS 1.3 and 1.2) or with one of an untrusted CA fails its handshake with the server's alert; Python's ssl with an untrusted CA's, an expired or no certificate is refused too, while allow_self_signed lets a self-signed certificate in; the server logs each failure's reason once; a session issued by a worker that asks for no certificate is not resumed by one that requires it (resumption is no way around the client certificate), while a session with a certificate is resumed by its own worker (TLS 1.2 and 1.3)
--SKIPIF--
<?php
exec('command -v curl && /usr/bin/python3 -c "import ssl"', $out, $code);
if ($code !== 0) {
    die('skip curl and /usr/bin/python3 are needed');
}
?>
--FILE--
<?php
require __DIR__ . '/clients.inc';
$certs = TestCerts::make();
$verify = ['verify_peer' => true, 'cafile' => $certs->path('ca.pem')];
$https = var_export($certs->serverContext($verify), true);
$selfSigned = var_export($certs->serverContext($verify + ['allow_self_signed' => true]), true);
$plain = var_export($certs->serverContext(), true);
$port3 = TestServer::freePort();
$server = TestServer::start(<<<PHP
\$h = new Worker('https://127.0.0.1:' . TEST_PORT, $https);
\$h->name = 'https-verify';
\$h->onMessage = fn(\$c, \$r) => \$c->send("hello {\$r->path()}\\n");
\$t = new Worker('text://127.0.0.1:' . TEST_PORT2, $selfSigned);
\$t->name = 'text-verify';
\$p = new Worker('text://127.0.0.1:$port3', $plain);
\$p->name = 'text-plain';
foreach ([\$t, \$p] as \$w) {
    \$w->transport = 'ssl';
    \$w->onMessage = fn(\$c, \$m) => \$c->close("{\$c->worker->name}: \$m");
}
Worker::runAll();
PHP);
$server->waitForChildren(3);
$path = fn(string $name) => $certs->path($name);
// The alert the client got ("tlsv13 alert certificate required"), or "".
$alert = fn(string $out) => preg_match('/:((?:sslv3|tlsv1|tlsv13) alert [a-z ]+)/', $out, $m) ? $m[1] : '';

echo "== curl to https:// with verify_peer\n";
foreach ([
    'client.pem, TLS 1.3' => ['--tlsv1.3', '--cert', $path('client.pem'), '--key', $path('client.key')],
    'client.pem, TLS 1.2' => ['--tlsv1.2', '--tls-max', '1.2', '--cert', $path('client.pem'), '--key', $path('client.key')],
    'no certificate, TLS 1.3' => ['--tlsv1.3'],
    'no certificate, TLS 1.2' => ['--tlsv1.2', '--tls-max', '1.2'],
    'rogue.pem (untrusted CA)' => ['--cert', $path('rogue.pem'), '--key', $path('rogue.key')],
] as $label => $args) {
    [$code, $out, $err] = tls_curl($certs, $server, array_merge($args, [tls_url($server, '/x')]));
    echo "$label: ", $code === 0 ? "exit 0 " . str_replace("\n", ' ', trim($out)) : 'failed (exit ' . ($code > 0 ? 'non-zero' : $code) . "), client got: " . $alert($err), "\n";
}

// The rest with Python's ssl module, which keeps sessions to resume within one process.
// (Not s_client: over TLS 1.3 with a client certificate, it leaves an answer that comes in
// the same read as the session tickets undisplayed, whatever the server.)
file_put_contents($server->dir . '/client.py', <<<'PY'
import socket
import ssl
import sys

cafile, certs, verify_port, plain_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
VERSIONS = {'1.2': ssl.TLSVersion.TLSv1_2, '1.3': ssl.TLSVersion.TLSv1_3}


def context(version='1.3', cert=None):
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.minimum_version = ctx.maximum_version = VERSIONS[version]
    if cert:
        ctx.load_cert_chain('%s/%s.pem' % (certs, cert), '%s/%s.key' % (certs, 'server' if cert == 'expired' else cert))
    return ctx


def talk(ctx, port, session=None):
    """Sends a line and reads until the server closes; returns (what happened, the session)."""
    with socket.create_connection(('127.0.0.1', port), timeout=5) as raw:
        try:
            s = ctx.wrap_socket(raw, server_hostname='localhost', session=session)
            s.sendall(b'hi\n')
            data = b''
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            how = 'Reused' if s.session_reused else 'New'
            return '%s, %s, answered %r' % (how, s.version(), data.decode()), s.session
        except ssl.SSLError as e:
            return 'refused: %s' % e.reason, None
        except OSError as e:
            return 'refused: %s' % type(e).__name__, None


print('== text:// with verify_peer and allow_self_signed')
for cert in ('client', 'self-signed', 'rogue', 'expired', None):
    print('%s: %s' % (cert or 'no certificate', talk(context('1.3', cert), verify_port)[0]))
print('== sessions')
for version in ('1.2', '1.3'):
    plain = context(version)
    how, session = talk(plain, plain_port)
    print('TLS %s, text-plain: %s' % (version, how))
    print('TLS %s, its session to text-verify without a certificate: %s' % (version, talk(plain, verify_port, session)[0]))
    own = context(version, 'client')
    how, session = talk(own, verify_port)
    print('TLS %s, text-verify with client.pem: %s' % (version, how))
    print('TLS %s, its session to text-verify: %s' % (version, talk(own, verify_port, session)[0]))
PY);
[$code, $out, $err] = run_client(['/usr/bin/python3', 'client.py', $certs->path('ca.pem'), $certs->dir, (string)$server->port2, (string)$port3], $server->dir, '', 30);
echo $out, $code === 0 ? '' : "exit $code $err\n";

echo "== server log\n";
// https-verify: 3 failures; text-verify: rogue, expired, none and the two sessions of text-plain.
try {
    wait_for(fn() => substr_count($server->log(), 'TLS handshake failed') >= 8, '8 handshake failures in the log', 5);
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
foreach (['https-verify', 'text-verify', 'text-plain'] as $name) {
    foreach ($server->logMessages() as $line) {
        if (str_starts_with($line, "Worker[$name]")) {
            echo preg_replace('/connection \d+ from 127\.0\.0\.1:\d+/', 'connection N from 127.0.0.1:PORT', $line), "\n";
        }
    }
}
var_dump($server->stop());
?>
--EXPECT--
== curl to https:// with verify_peer
client.pem, TLS 1.3: exit 0 hello /x (200, HTTP/1.1, new connections: 1)
client.pem, TLS 1.2: exit 0 hello /x (200, HTTP/1.1, new connections: 1)
no certificate, TLS 1.3: failed (exit non-zero), client got: tlsv13 alert certificate required
no certificate, TLS 1.2: failed (exit non-zero), client got: sslv3 alert handshake failure
rogue.pem (untrusted CA): failed (exit non-zero), client got: tlsv1 alert unknown ca
== text:// with verify_peer and allow_self_signed
client: New, TLSv1.3, answered 'text-verify: hi\n'
self-signed: New, TLSv1.3, answered 'text-verify: hi\n'
rogue: refused: TLSV1_ALERT_UNKNOWN_CA
expired: refused: SSLV3_ALERT_CERTIFICATE_EXPIRED
no certificate: refused: TLSV13_ALERT_CERTIFICATE_REQUIRED
== sessions
TLS 1.2, text-plain: New, TLSv1.2, answered 'text-plain: hi\n'
TLS 1.2, its session to text-verify without a certificate: refused: SSLV3_ALERT_HANDSHAKE_FAILURE
TLS 1.2, text-verify with client.pem: New, TLSv1.2, answered 'text-verify: hi\n'
TLS 1.2, its session to text-verify: Reused, TLSv1.2, answered 'text-verify: hi\n'
TLS 1.3, text-plain: New, TLSv1.3, answered 'text-plain: hi\n'
TLS 1.3, its session to text-verify without a certificate: refused: TLSV13_ALERT_CERTIFICATE_REQUIRED
TLS 1.3, text-verify with client.pem: New, TLSv1.3, answered 'text-verify: hi\n'
TLS 1.3, its session to text-verify: Reused, TLSv1.3, answered 'text-verify: hi\n'
== server log
Worker[https-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: peer did not return a certificate; closing it
Worker[https-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: peer did not return a certificate; closing it
Worker[https-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: certificate verify failed: unable to get local issuer certificate; closing it
Worker[text-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: certificate verify failed: unable to get local issuer certificate; closing it
Worker[text-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: certificate verify failed: certificate has expired; closing it
Worker[text-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: peer did not return a certificate; closing it
Worker[text-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: peer did not return a certificate; closing it
Worker[text-verify] connection N from 127.0.0.1:PORT: TLS handshake failed: peer did not return a certificate; closing it
int(0)
