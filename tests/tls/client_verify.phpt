--TEST--
TLS client: ssl:// (raw bytes) and text:// with $transport = 'ssl' against Surge text+ssl servers round-trip their bytes; the server certificate is verified: by default against the system CA store (the test CA is not in it: onError 1 "TLS handshake failed: certificate verify failed: unable to get local issuer certificate (<uri>)", then onClose, no onConnect), with cafile => ca.pem it passes; a self-signed server fails ("self-signed certificate") unless allow_self_signed (which does not admit a certificate of an unknown CA) or verify_peer => false; an expired certificate fails ("certificate has expired"); peer_name => 'wrong.test' fails ("hostname mismatch") unless verify_peer_name => false; an IP the certificate does not name fails ("IP address mismatch")
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/../client/client.inc';
$certs = TestCerts::make();
$ports = [];
while (count($ports) < 4) {
    $p = TestServer::freePort();
    $ports[$p] = $p;
}
[$self, $rogue, $expired, $second] = array_values($ports);
$server = client_start("const P_SELF = $self, P_ROGUE = $rogue, P_EXPIRED = $expired, P_SECOND = $second;\n"
    . 'const CERTS = ' . var_export($certs->dir, true) . ";\n" . <<<'PHP'
function tls_server(string $address, string $cert, string $key): Worker
{
    $w = new Worker($address, ['ssl' => ['local_cert' => CERTS . "/$cert", 'local_pk' => CERTS . "/$key"]]);
    $w->transport = 'ssl';
    $w->onMessage = fn($c, $m) => $c->send("$cert:$m");
    return $w;
}
tls_server('text://127.0.0.1:' . TEST_PORT, 'server.pem', 'server.key');
tls_server('text://127.0.0.1:' . P_SELF, 'self-signed.pem', 'self-signed.key');
tls_server('text://127.0.0.1:' . P_ROGUE, 'rogue.pem', 'rogue.key');
tls_server('text://127.0.0.1:' . P_EXPIRED, 'expired.pem', 'server.key');
tls_server('text://127.0.0.1:' . P_SECOND, 'second.pem', 'second.key');

$client = new Worker();
$client->onWorkerStart = function () {
    $ca = ['cafile' => CERTS . '/ca.pem'];
    $cases = [
        ['ssl://127.0.0.1:' . TEST_PORT, $ca],
        ['text://127.0.0.1:' . TEST_PORT, $ca, 'ssl'],
        ['text://localhost:' . TEST_PORT, $ca, 'ssl'],
        ['ssl://127.0.0.1:' . TEST_PORT, []],
        ['text://localhost:' . TEST_PORT, [], 'ssl'],
        ['ssl://127.0.0.1:' . P_SELF, $ca],
        ['ssl://127.0.0.1:' . P_SELF, ['allow_self_signed' => true]],
        ['ssl://127.0.0.1:' . P_SELF, ['verify_peer' => false]],
        ['ssl://127.0.0.1:' . P_ROGUE, $ca],
        ['ssl://127.0.0.1:' . P_ROGUE, ['allow_self_signed' => true]],
        ['ssl://127.0.0.1:' . P_ROGUE, ['verify_peer' => false]],
        ['ssl://127.0.0.1:' . P_EXPIRED, $ca],
        ['ssl://127.0.0.1:' . P_EXPIRED, $ca + ['verify_peer' => false]],
        ['ssl://127.0.0.1:' . TEST_PORT, $ca + ['peer_name' => 'wrong.test']],
        ['ssl://127.0.0.1:' . TEST_PORT, $ca + ['peer_name' => 'wrong.test', 'verify_peer_name' => false]],
        ['ssl://127.0.0.1:' . TEST_PORT, $ca + ['peer_name' => 'localhost']],
        ['ssl://127.0.0.1:' . P_SECOND, $ca],
        ['ssl://127.0.0.1:' . P_SECOND, $ca + ['peer_name' => 'second.test']],
    ];
    $hide = fn(string $s) => str_replace([(string)TEST_PORT, (string)P_SELF, (string)P_ROGUE, (string)P_EXPIRED, (string)P_SECOND, CERTS],
        ['PORT', 'P_SELF', 'P_ROGUE', 'P_EXPIRED', 'P_SECOND', 'CERTS'], $s);
    $next = function () use (&$next, &$cases, $hide) {
        if (!$cases) {
            note('done');
            return;
        }
        [$uri, $ssl, $transport] = array_shift($cases) + [2 => null];
        note('');
        note($hide("$uri " . json_encode($ssl, JSON_UNESCAPED_SLASHES) . ($transport ? " transport=$transport" : '')));
        $c = new AsyncTcpConnection($uri, ['ssl' => $ssl]);
        if ($transport) {
            $c->transport = $transport;
        }
        $c->onConnect = function ($c) {
            note('  onConnect');
            $c->send($c->protocol ? 'ping' : "raw\nbytes\n");
        };
        $got = '';
        $c->onMessage = function ($c, $m) use (&$got) {
            if ($c->protocol) {
                note('  onMessage ' . json_encode($m));
                $c->close();
                return;
            }
            $got .= $m; // raw bytes: they may come in pieces
            if (substr_count($got, "\n") === 2) {
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
echo client_events($server, 20);
var_dump($server->stop());
?>
--EXPECT--
ssl://127.0.0.1:PORT {"cafile":"CERTS/ca.pem"}
  onConnect
  onMessage "server.pem:raw\nserver.pem:bytes\n"
  onClose

text://127.0.0.1:PORT {"cafile":"CERTS/ca.pem"} transport=ssl
  onConnect
  onMessage "server.pem:ping"
  onClose

text://localhost:PORT {"cafile":"CERTS/ca.pem"} transport=ssl
  onConnect
  onMessage "server.pem:ping"
  onClose

ssl://127.0.0.1:PORT []
  onError 1 TLS handshake failed: certificate verify failed: unable to get local issuer certificate (ssl://127.0.0.1:PORT)
  onClose

text://localhost:PORT [] transport=ssl
  onError 1 TLS handshake failed: certificate verify failed: unable to get local issuer certificate (text://localhost:PORT)
  onClose

ssl://127.0.0.1:P_SELF {"cafile":"CERTS/ca.pem"}
  onError 1 TLS handshake failed: certificate verify failed: self-signed certificate (ssl://127.0.0.1:P_SELF)
  onClose

ssl://127.0.0.1:P_SELF {"allow_self_signed":true}
  onConnect
  onMessage "self-signed.pem:raw\nself-signed.pem:bytes\n"
  onClose

ssl://127.0.0.1:P_SELF {"verify_peer":false}
  onConnect
  onMessage "self-signed.pem:raw\nself-signed.pem:bytes\n"
  onClose

ssl://127.0.0.1:P_ROGUE {"cafile":"CERTS/ca.pem"}
  onError 1 TLS handshake failed: certificate verify failed: unable to get local issuer certificate (ssl://127.0.0.1:P_ROGUE)
  onClose

ssl://127.0.0.1:P_ROGUE {"allow_self_signed":true}
  onError 1 TLS handshake failed: certificate verify failed: unable to get local issuer certificate (ssl://127.0.0.1:P_ROGUE)
  onClose

ssl://127.0.0.1:P_ROGUE {"verify_peer":false}
  onConnect
  onMessage "rogue.pem:raw\nrogue.pem:bytes\n"
  onClose

ssl://127.0.0.1:P_EXPIRED {"cafile":"CERTS/ca.pem"}
  onError 1 TLS handshake failed: certificate verify failed: certificate has expired (ssl://127.0.0.1:P_EXPIRED)
  onClose

ssl://127.0.0.1:P_EXPIRED {"cafile":"CERTS/ca.pem","verify_peer":false}
  onConnect
  onMessage "expired.pem:raw\nexpired.pem:bytes\n"
  onClose

ssl://127.0.0.1:PORT {"cafile":"CERTS/ca.pem","peer_name":"wrong.test"}
  onError 1 TLS handshake failed: certificate verify failed: hostname mismatch (ssl://127.0.0.1:PORT)
  onClose

ssl://127.0.0.1:PORT {"cafile":"CERTS/ca.pem","peer_name":"wrong.test","verify_peer_name":false}
  onConnect
  onMessage "server.pem:raw\nserver.pem:bytes\n"
  onClose

ssl://127.0.0.1:PORT {"cafile":"CERTS/ca.pem","peer_name":"localhost"}
  onConnect
  onMessage "server.pem:raw\nserver.pem:bytes\n"
  onClose

ssl://127.0.0.1:P_SECOND {"cafile":"CERTS/ca.pem"}
  onError 1 TLS handshake failed: certificate verify failed: IP address mismatch (ssl://127.0.0.1:P_SECOND)
  onClose

ssl://127.0.0.1:P_SECOND {"cafile":"CERTS/ca.pem","peer_name":"second.test"}
  onConnect
  onMessage "second.pem:raw\nsecond.pem:bytes\n"
  onClose
done
int(0)
