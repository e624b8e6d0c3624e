<?php
// An HTTPS page and a WSS chat on one certificate:
//   php examples/tls_chat.php start
// then open https://localhost:8443/ in two browser tabs (accept the self-signed certificate
// once: the chat's wss://localhost:8444 uses the same one), or from a terminal:
//   curl --cacert examples/tls/cert.pem https://localhost:8443/
// Set SURGE_CERT and SURGE_KEY to use your own certificate; without them a self-signed one
// for localhost is made in examples/tls/ on the first start.
use Surge\Worker;
use Surge\Protocols\Http\Request;
use Surge\Protocols\Http\Response;

$cert = getenv('SURGE_CERT') ?: __DIR__ . '/tls/cert.pem';
$key = getenv('SURGE_KEY') ?: __DIR__ . '/tls/key.pem';
if (!getenv('SURGE_CERT') && !is_file($cert)) {
    @mkdir(dirname($cert), 0700);
    $pk = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1']);
    $csr = openssl_csr_new(['commonName' => 'localhost'], $pk, ['digest_alg' => 'sha256']);
    $x509 = openssl_csr_sign($csr, null, $pk, 365, ['digest_alg' => 'sha256', 'x509_extensions' => 'v3_req',
        'config' => __DIR__ . '/tls_san.cnf'], random_int(1, PHP_INT_MAX));
    openssl_x509_export_to_file($x509, $cert);
    openssl_pkey_export_to_file($pk, $key);
    echo "made a self-signed certificate for localhost: $cert\n";
}
$ssl = ['ssl' => ['local_cert' => $cert, 'local_pk' => $key]];

$page = <<<'HTML'
<!doctype html><meta charset="utf-8"><title>Surge TLS chat</title>
<ul id="log"></ul><form id="f"><input id="m" autofocus><button>send</button></form>
<script>
const ws = new WebSocket('wss://' + location.hostname + ':8444/');
const log = t => { const li = document.createElement('li'); li.textContent = t; document.getElementById('log').append(li); };
ws.onmessage = e => log(e.data);
ws.onclose = e => log('closed ' + e.code);
document.getElementById('f').onsubmit = e => { e.preventDefault(); ws.send(document.getElementById('m').value); document.getElementById('m').value = ''; };
</script>
HTML;

$https = new Worker('https://0.0.0.0:8443', $ssl);
$https->name = 'https';
$https->onMessage = fn($connection, Request $request) => $connection->send(
    $request->path() === '/' ? new Response(200, ['Content-Type' => 'text/html'], $page)
                             : new Response(404, [], "not found\n"));

$chat = new Worker('wss://0.0.0.0:8444', $ssl);
$chat->name = 'chat';
$chat->pingInterval = 25;              // browsers answer pings; a peer silent for
$chat->pingNotResponseLimit = 2;       // two intervals is closed
$chat->onConnect = fn($connection) => $chat->broadcast("#{$connection->id} joined");
$chat->onMessage = fn($connection, $message) => $chat->broadcast("#{$connection->id}: $message");
$chat->onClose = fn($connection) => $chat->broadcast("#{$connection->id} left");

Worker::runAll();
