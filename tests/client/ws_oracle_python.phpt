--TEST--
ws:// client against Python's websockets server, a strict RFC 6455 peer (it rejects unmasked or malformed client frames and checks the handshake): sub-protocol, text, binary and a 200 KB message echoed, a ping from the server answered, frames sent before the handshake, a close started by the server with its code and reason, and a close started by the client
--SKIPIF--
<?php
require __DIR__ . '/../websocket/ws_client.inc';
if (ws_python_with_websockets() === null) {
    die('skip python3 with websockets is not installed (scripts/install-deps.sh installs python3-websockets)');
}
?>
--FILE--
<?php
require __DIR__ . '/client.inc';
require __DIR__ . '/../websocket/ws_client.inc';
$python = ws_python_with_websockets();
$script = <<<'PY'
import asyncio, sys, websockets

async def handler(ws, path):
    print("py path", path, "subprotocol", ws.subprotocol, flush=True)
    if path == "/client-closes":
        try:
            await ws.recv()
        except websockets.ConnectionClosed as e:
            print("py closed by client", e.code, flush=True)
        return
    pong = await ws.ping(b"py-ping")
    await asyncio.wait_for(pong, 5)
    print("py pong received", flush=True)
    async for m in ws:
        kind = "text" if isinstance(m, str) else "binary"
        print("py got", kind, len(m), flush=True)
        if m == "close please":
            await ws.close(4001, "py")
            return
        await ws.send(m)

async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["chat"], max_size=2**20) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(20)

asyncio.run(main())
PY;
$proc = proc_open([$python, '-c', $script], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$port = (int)fgets($pipes[1]);
$server = client_start(<<<PHP
const PY_PORT = $port;
PHP . <<<'PHP'

new Worker('tcp://127.0.0.1:' . TEST_PORT); // the harness waits for this port
$client = new Worker();
$client->onWorkerStart = function () {
    $big = str_repeat('surge', 40000);
    $c = new AsyncTcpConnection('ws://127.0.0.1:' . PY_PORT . '/echo');
    $c->websocketClientProtocol = 'chat';
    $c->send('early');
    $c->onWebSocketConnect = fn($c, $r) => note('onWebSocketConnect ' . $r->getStatusCode() . ' ' . $r->getHeader('Sec-WebSocket-Protocol'));
    $n = 0;
    $c->onMessage = function ($c, $m) use (&$n, $big) {
        note('onMessage ' . (strlen($m) > 100 ? (strlen($m) . ' bytes ' . ($m === $big ? 'intact' : 'changed')) : bin2hex($m)));
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
                $c->send('close please');
                break;
        }
    };
    $c->onWebSocketClose = fn($c, $code, $reason) => note("onWebSocketClose $code $reason");
    $c->onClose = function () {
        note('onClose');
        $d = new AsyncTcpConnection('ws://127.0.0.1:' . PY_PORT . '/client-closes');
        $d->onWebSocketConnect = fn($d) => $d->close();
        $d->onClose = function () { note('second onClose'); note('done'); };
        $d->connect();
    };
    $c->connect();
};
PHP);
echo client_events($server);
var_dump($server->stop());
proc_terminate($proc);
echo stream_get_contents($pipes[1]);
proc_close($proc);
?>
--EXPECT--
onWebSocketConnect 101 chat
onMessage 6561726c79
onMessage 0001ff
onMessage 200000 bytes intact
onWebSocketClose 4001 py
onClose
second onClose
done
int(0)
py path /echo subprotocol chat
py pong received
py got text 5
py got binary 3
py got text 200000
py got text 12
py path /client-closes subprotocol None
py closed by client 1000
