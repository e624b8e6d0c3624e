--TEST--
TLS client: Surge's wss:// client (cafile => ca.pem) against Python's websockets server over ssl (an independent TLS and RFC 6455 peer): a message sent before the handshake, text, binary and a 300 KB message echoed intact, close by the client (1000 seen by Python); TLS 1.3 negotiated; SNI: none for wss://127.0.0.1, "localhost" for wss://localhost
--SKIPIF--
<?php
require __DIR__ . '/../websocket/ws_client.inc';
if (ws_python_with_websockets() === null) {
    die('skip python3 with websockets is not installed (scripts/install-deps.sh installs python3-websockets)');
}
?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/../client/client.inc';
require __DIR__ . '/../websocket/ws_client.inc';
$certs = TestCerts::make();
$script = <<<'PY'
import asyncio, ssl, sys, websockets

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1] + "/server.pem", sys.argv[1] + "/server.key")
sni = []
ctx.sni_callback = lambda sock, name, c: sni.append(name)

async def handler(ws, path):
    tls = ws.transport.get_extra_info("ssl_object")
    print("py path", path, tls.version(), "SNI", sni.pop(0), flush=True)
    try:
        async for m in ws:
            kind = "text" if isinstance(m, str) else "binary"
            print("py got", kind, len(m), flush=True)
            await ws.send(m)
    except websockets.ConnectionClosed:
        pass
    print("py closed by client", ws.close_code, flush=True)

async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, ssl=ctx, max_size=2**20) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(30)

asyncio.run(main())
PY;
$proc = proc_open([ws_python_with_websockets(), '-c', $script, $certs->dir], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$port = (int)fgets($pipes[1]);
if ($port === 0) {
    echo "python did not start: ", stream_get_contents($pipes[2]);
}
$server = client_start("const PY_PORT = $port; const CERTS = " . var_export($certs->dir, true) . ";\n" . <<<'PHP'
new Worker('tcp://127.0.0.1:' . TEST_PORT); // the harness waits for this port
$client = new Worker();
$client->onWorkerStart = function () {
    $big = bin2hex(random_bytes(150000));
    $c = new AsyncTcpConnection('wss://127.0.0.1:' . PY_PORT . '/echo', ['ssl' => ['cafile' => CERTS . '/ca.pem']]);
    $c->send('early');
    $c->onConnect = fn($c) => note('onConnect');
    $c->onWebSocketConnect = fn($c, $r) => note('onWebSocketConnect ' . $r->getStatusCode());
    $c->onError = fn($c, $code, $msg) => note("onError $code $msg");
    $n = 0;
    $c->onMessage = function ($c, $m) use (&$n, $big) {
        note('onMessage ' . (strlen($m) > 100 ? (strlen($m) . ' bytes ' . ($m === $big ? 'intact' : 'CHANGED')) : bin2hex($m)));
        switch (++$n) {
            case 1:
                $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_ARRAYBUFFER;
                $c->send("\x00\x01\xff");
                break;
            case 2:
                $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_BLOB;
                $c->send($big);
                break;
            case 3:
                $c->close();
                break;
        }
    };
    $c->onClose = function () {
        note('onClose');
        $l = new AsyncTcpConnection('wss://localhost:' . PY_PORT . '/by-name', ['ssl' => ['cafile' => CERTS . '/ca.pem']]);
        $l->onWebSocketConnect = fn($l) => $l->send('by name');
        $l->onMessage = function ($l, $m) { note("by name onMessage $m"); $l->close(); };
        $l->onError = fn($c, $code, $msg) => note("by name onError $code $msg");
        $l->onClose = function () { note('by name onClose'); note('done'); };
        $l->connect();
    };
    $c->connect();
};
PHP);
echo client_events($server);
var_dump($server->stop());
// Python prints its last line when it saw the close: wait for it, then stop it.
$py = '';
stream_set_blocking($pipes[1], false);
try {
    wait_for(function () use ($pipes, &$py) {
        $py .= (string)fgets($pipes[1]);
        return substr_count($py, 'py closed by client') === 2;
    }, 'python to see both connections closed');
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
proc_terminate($proc);
echo $py;
proc_close($proc);
?>
--EXPECT--
onConnect
onWebSocketConnect 101
onMessage 6561726c79
onMessage 0001ff
onMessage 300000 bytes intact
onClose
by name onMessage by name
by name onClose
done
int(0)
py path /echo TLSv1.3 SNI None
py got text 5
py got binary 3
py got text 300000
py closed by client 1000
py path /by-name TLSv1.3 SNI localhost
py got text 7
py closed by client 1000
