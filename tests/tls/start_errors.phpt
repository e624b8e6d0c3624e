--TEST--
TLS configuration errors at start: a missing local_cert or local_pk, a key that does not match the certificate, an encrypted key without a passphrase or with a wrong one, a local_cert or local_pk that is not PEM, a local_cert without local_pk that holds no key, no certificate at all, a missing SNI_server_certs file and an unknown cipher list each throw a RuntimeException from Worker::runAll() naming the worker, the option, the file and the reason, before anything forks or listens (even a good worker before it); the right passphrase, and certificate and key in one local_cert file, serve
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
file_put_contents($certs->path('garbage.pem'), "this is not PEM\n" . str_repeat("\x00\xff\x30\x82", 16));
file_put_contents($certs->path('combined.pem'), file_get_contents($certs->path('server.pem')) . file_get_contents($certs->path('server.key')));
$p = fn(string $name) => $certs->path($name);
$cert = ['local_cert' => $p('server.pem'), 'local_pk' => $p('server.key')];
$cases = [
    'missing local_cert' => ['https', ['local_cert' => $p('missing.pem'), 'local_pk' => $p('server.key')]],
    'missing local_pk' => ['https', ['local_cert' => $p('server.pem'), 'local_pk' => $p('missing.key')]],
    'a key of another certificate' => ['https', ['local_cert' => $p('server.pem'), 'local_pk' => $p('other.key')]],
    'encrypted key, no passphrase' => ['wss', ['local_cert' => $p('server.pem'), 'local_pk' => $p('server-encrypted.key')]],
    'encrypted key, wrong passphrase' => ['wss', ['local_cert' => $p('server.pem'), 'local_pk' => $p('server-encrypted.key'), 'passphrase' => 'wrong']],
    'local_cert not PEM' => ['text', ['local_cert' => $p('garbage.pem'), 'local_pk' => $p('server.key')]],
    'local_pk not PEM' => ['text', ['local_cert' => $p('server.pem'), 'local_pk' => $p('garbage.pem')]],
    'local_cert without a key, no local_pk' => ['text', ['local_cert' => $p('server.pem')]],
    'no ssl context' => ['text', null],
    'a missing SNI_server_certs file' => ['https', $cert + ['SNI_server_certs' => ['second.test' => $p('missing-second.pem')]]],
    'an unknown cipher list' => ['https', $cert + ['ciphers' => 'NO-SUCH-CIPHER']],
];
foreach ($cases as $label => [$scheme, $ssl]) {
    $context = var_export($ssl === null ? [] : ['ssl' => $ssl], true);
    $transport = $scheme === 'text' ? "\$w->transport = 'ssl';" : '';
    // A good plaintext worker first: its port must not stay open either.
    $server = TestServer::spawn(<<<PHP
\$good = new Worker('text://127.0.0.1:' . TEST_PORT2);
\$good->onWorkerStart = fn() => Worker::log('child started');
\$w = new Worker('$scheme://127.0.0.1:' . TEST_PORT, $context);
$transport
\$w->onWorkerStart = fn() => Worker::log('child started');
Worker::runAll();
PHP);
    $code = $server->wait(10);
    $output = str_replace([$certs->dir, $server->dir, (string)$server->port], ['CERTS', 'DIR', 'PORT'], $server->output());
    // (The line of runAll() in the script varies with the length of the context.)
    echo "== $label: exit ", var_export($code, true), "\n", preg_replace('/server\.php:\d+$/', 'server.php:N', explode("\n", $output)[0]), "\n";
    $left = $server->groupProcesses();
    $listening = $server->listening() || @stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 1) !== false;
    if ($left || $listening || str_contains($server->log(), 'child started')) {
        echo "  processes left: ", count($left), ", a port listens: ", var_export($listening, true), ", log:\n", $server->log();
    }
}

foreach ([
    'passphrase' => ['local_cert' => $p('server.pem'), 'local_pk' => $p('server-encrypted.key'), 'passphrase' => 'secret'],
    'combined' => ['local_cert' => $p('combined.pem')],
] as $label => $ssl) {
    $context = var_export(['ssl' => $ssl], true);
    $server = TestServer::start(<<<PHP
\$w = new Worker('https://127.0.0.1:' . TEST_PORT, $context);
\$w->onMessage = fn(\$c, \$r) => \$c->send('served ' . \$r->path());
Worker::runAll();
PHP);
    $c = tls_connect($certs, $server->port);
    fwrite($c, "GET /$label HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    $answer = stream_get_contents($c);
    echo "== $label: ", strtok($answer, "\r"), ', body: ', substr($answer, strpos($answer, "\r\n\r\n") + 4), "\n";
    var_dump($server->stop());
}
?>
--EXPECT--
== missing local_cert: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker https://127.0.0.1:PORT: local_cert CERTS/missing.pem: No such file or directory in DIR/server.php:N
== missing local_pk: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker https://127.0.0.1:PORT: local_pk CERTS/missing.key: No such file or directory in DIR/server.php:N
== a key of another certificate: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker https://127.0.0.1:PORT: local_pk CERTS/other.key does not match the certificate in CERTS/server.pem in DIR/server.php:N
== encrypted key, no passphrase: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker wss://127.0.0.1:PORT: local_pk CERTS/server-encrypted.key: the key is encrypted: set 'passphrase' in DIR/server.php:N
== encrypted key, wrong passphrase: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker wss://127.0.0.1:PORT: local_pk CERTS/server-encrypted.key: 'passphrase' does not decrypt the key in DIR/server.php:N
== local_cert not PEM: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:PORT: local_cert CERTS/garbage.pem: no PEM certificate in it in DIR/server.php:N
== local_pk not PEM: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:PORT: local_pk CERTS/garbage.pem: no PEM private key in it in DIR/server.php:N
== local_cert without a key, no local_pk: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:PORT: local_cert CERTS/server.pem: no PEM private key in it in DIR/server.php:N
== no ssl context: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:PORT: no certificate: set 'local_cert' (and 'local_pk') in the 'ssl' context in DIR/server.php:N
== a missing SNI_server_certs file: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker https://127.0.0.1:PORT: SNI_server_certs['second.test']: local_cert CERTS/missing-second.pem: No such file or directory in DIR/server.php:N
== an unknown cipher list: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker https://127.0.0.1:PORT: ciphers 'NO-SUCH-CIPHER': no cipher match in DIR/server.php:N
== passphrase: HTTP/1.1 200 OK, body: served /passphrase
int(0)
== combined: HTTP/1.1 200 OK, body: served /combined
int(0)
