--TEST--
TLS client certificate: against a server with verify_peer => true and cafile => ca.pem, a Surge client with local_cert client.pem/local_pk client.key is served (and so is one whose key is encrypted, with the right passphrase); without a certificate, or with one of an untrusted CA, the server refuses it: onError 1 with the server's alert, then onClose, and what the client sent is never served (TLS 1.3: the client's handshake ends before the server checks its certificate, so onConnect runs first); a client certificate that cannot be loaded (missing file, key of another certificate, encrypted key without passphrase or with a wrong one, a key file given as local_cert: "no PEM certificate in it") makes connect() throw RuntimeException saying why, and no callback runs
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/../client/client.inc';
$certs = TestCerts::make();
$server = client_start('const CERTS = ' . var_export($certs->dir, true) . ";\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT, ['ssl' => [
    'local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server.key',
    'verify_peer' => true, 'cafile' => CERTS . '/ca.pem']]);
$w->transport = 'ssl';
$w->onMessage = fn($c, $m) => $c->send("served $m");

$client = new Worker();
$client->onWorkerStart = function () {
    $hide = fn(string $s) => str_replace([(string)TEST_PORT, CERTS], ['PORT', 'CERTS'], $s);
    $cases = [
        ['local_cert' => CERTS . '/client.pem', 'local_pk' => CERTS . '/client.key'],
        ['local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server-encrypted.key', 'passphrase' => 'secret'],
        [],
        ['local_cert' => CERTS . '/rogue.pem', 'local_pk' => CERTS . '/rogue.key'],
        ['local_cert' => CERTS . '/missing.pem', 'local_pk' => CERTS . '/client.key'],
        ['local_cert' => CERTS . '/client.pem', 'local_pk' => CERTS . '/missing.key'],
        ['local_cert' => CERTS . '/client.pem', 'local_pk' => CERTS . '/other.key'],
        ['local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server-encrypted.key'],
        ['local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server-encrypted.key', 'passphrase' => 'wrong'],
        ['local_cert' => CERTS . '/client.key', 'local_pk' => CERTS . '/client.key'],
    ];
    $next = function () use (&$next, &$cases, $hide) {
        if (!$cases) {
            note('done');
            return;
        }
        $ssl = array_shift($cases) + ['cafile' => CERTS . '/ca.pem'];
        note('');
        note($hide(json_encode(array_map('basename', $ssl), JSON_UNESCAPED_SLASHES)));
        $c = new AsyncTcpConnection('text://localhost:' . TEST_PORT, ['ssl' => $ssl]);
        $c->transport = 'ssl';
        $c->onConnect = function ($c) {
            note('  onConnect');
            $c->send('hello');
        };
        $c->onMessage = function ($c, $m) {
            note("  onMessage $m");
            $c->close();
        };
        $c->onError = fn($c, $code, $msg) => note("  onError $code " . $hide($msg));
        $c->onClose = function ($c) use ($next) {
            note('  onClose');
            $next();
        };
        try {
            $c->connect();
        } catch (Throwable $e) {
            note('  ' . get_class($e) . ': ' . $hide($e->getMessage()));
            note('  status ' . $c->getStatus(false));
            $next();
        }
    };
    $next();
};
PHP);
echo client_events($server, 20);
var_dump($server->stop());
?>
--EXPECT--
{"local_cert":"client.pem","local_pk":"client.key","cafile":"ca.pem"}
  onConnect
  onMessage served hello
  onClose

{"local_cert":"server.pem","local_pk":"server-encrypted.key","passphrase":"secret","cafile":"ca.pem"}
  onConnect
  onMessage served hello
  onClose

{"cafile":"ca.pem"}
  onConnect
  onError 1 TLS record refused: tlsv13 alert certificate required (text://localhost:PORT)
  onClose

{"local_cert":"rogue.pem","local_pk":"rogue.key","cafile":"ca.pem"}
  onConnect
  onError 1 TLS record refused: tlsv1 alert unknown ca (text://localhost:PORT)
  onClose

{"local_cert":"missing.pem","local_pk":"client.key","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_cert CERTS/missing.pem: No such file or directory
  status INITIAL

{"local_cert":"client.pem","local_pk":"missing.key","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_pk CERTS/missing.key: No such file or directory
  status INITIAL

{"local_cert":"client.pem","local_pk":"other.key","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_pk CERTS/other.key does not match the certificate in CERTS/client.pem
  status INITIAL

{"local_cert":"server.pem","local_pk":"server-encrypted.key","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_pk CERTS/server-encrypted.key: the key is encrypted: set 'passphrase'
  status INITIAL

{"local_cert":"server.pem","local_pk":"server-encrypted.key","passphrase":"wrong","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_pk CERTS/server-encrypted.key: 'passphrase' does not decrypt the key
  status INITIAL

{"local_cert":"client.key","local_pk":"client.key","cafile":"ca.pem"}
  RuntimeException: AsyncTcpConnection text://localhost:PORT: local_cert CERTS/client.key: no PEM certificate in it
  status INITIAL
done
int(0)
