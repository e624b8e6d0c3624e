--TEST--
TLS client SNI: against a Surge server with SNI_server_certs for second.test (and *.second.test) and localhost's certificate as default, a Surge client connecting to 127.0.0.1 with peer_name => 'second.test' (cafile => ca.pem) is served, which proves it sent second.test as SNI (the default certificate would fail its verification, as it does with SNI_enabled => false: "hostname mismatch"); peer_name 'a.second.test' gets the wildcard's certificate; no peer_name (an IP: no SNI) and ssl://localhost (SNI localhost, which has no entry) get the default certificate, which verifies; ssl://localhost with peer_name second.test sends and verifies second.test
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/../client/client.inc';
$certs = TestCerts::make();
$server = client_start('const CERTS = ' . var_export($certs->dir, true) . ";\n" . <<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT, ['ssl' => [
    'local_cert' => CERTS . '/server.pem', 'local_pk' => CERTS . '/server.key',
    'SNI_server_certs' => ['second.test' => ['local_cert' => CERTS . '/second.pem', 'local_pk' => CERTS . '/second.key'],
                           '*.second.test' => ['local_cert' => CERTS . '/second.pem', 'local_pk' => CERTS . '/second.key']]]]);
$w->transport = 'ssl';
$w->onMessage = fn($c, $m) => $c->send("served $m");

$client = new Worker();
$client->onWorkerStart = function () {
    $ca = ['cafile' => CERTS . '/ca.pem'];
    $cases = [
        ['ssl://127.0.0.1', $ca + ['peer_name' => 'second.test']],
        ['ssl://127.0.0.1', $ca + ['peer_name' => 'second.test', 'SNI_enabled' => false]],
        ['ssl://127.0.0.1', $ca + ['peer_name' => 'a.second.test']],
        ['ssl://127.0.0.1', $ca],
        ['ssl://localhost', $ca],
        ['ssl://localhost', $ca + ['peer_name' => 'second.test']],
    ];
    $next = function () use (&$next, &$cases) {
        if (!$cases) {
            note('done');
            return;
        }
        [$uri, $ssl] = array_shift($cases);
        $hide = fn(string $s) => str_replace([':' . TEST_PORT, CERTS . '/'], [':PORT', ''], $s);
        note($hide("$uri:PORT " . json_encode($ssl, JSON_UNESCAPED_SLASHES)));
        $c = new AsyncTcpConnection($uri . ':' . TEST_PORT, ['ssl' => $ssl]);
        $c->onConnect = fn($c) => $c->send("hello\n");
        $got = '';
        $c->onMessage = function ($c, $m) use (&$got) {
            $got .= $m;
            if (str_ends_with($got, "\n")) {
                note('  onMessage ' . json_encode($got));
                $c->close();
            }
        };
        $c->onError = fn($c, $code, $msg) => note("  onError $code " . $hide($msg));
        $c->onClose = function ($c) use ($next) {
            note('  onClose');
            $next();
        };
        $c->connect();
    };
    $next();
};
PHP);
echo client_events($server);
var_dump($server->stop());
?>
--EXPECT--
ssl://127.0.0.1:PORT {"cafile":"ca.pem","peer_name":"second.test"}
  onMessage "served hello\n"
  onClose
ssl://127.0.0.1:PORT {"cafile":"ca.pem","peer_name":"second.test","SNI_enabled":false}
  onError 1 TLS handshake failed: certificate verify failed: hostname mismatch (ssl://127.0.0.1:PORT)
  onClose
ssl://127.0.0.1:PORT {"cafile":"ca.pem","peer_name":"a.second.test"}
  onMessage "served hello\n"
  onClose
ssl://127.0.0.1:PORT {"cafile":"ca.pem"}
  onMessage "served hello\n"
  onClose
ssl://localhost:PORT {"cafile":"ca.pem"}
  onMessage "served hello\n"
  onClose
ssl://localhost:PORT {"cafile":"ca.pem","peer_name":"second.test"}
  onMessage "served hello\n"
  onClose
done
int(0)
