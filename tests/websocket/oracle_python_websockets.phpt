--TEST--
WebSocket oracle: Python's websockets, a strict RFC 6455 client (it checks the accept key, the 101 headers, masking, reserved bits, UTF-8 of text, close codes), talks to the server: sub-protocol, text and binary messages up to 1 MiB, fragmented messages, ping/pong, frames queued before the handshake, a broadcast to three clients, and closes started by either side
--SKIPIF--
<?php
require __DIR__ . '/ws_client.inc';
if (ws_python_with_websockets() === null) {
    die('skip python3 with websockets is not installed (scripts/install-deps.sh installs python3-websockets)');
}
?>
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onConnect = fn($c) => $c->send('queued before the handshake');
$w->onWebSocketConnect = function ($c, $r) {
    if (in_array('chat', array_map('trim', explode(',', $r->header('sec-websocket-protocol', ''))), true)) {
        $c->headers = ['Sec-WebSocket-Protocol: chat'];
    }
};
$w->onWebSocketConnected = fn($c, $r) => $c->send('welcome to ' . $r->path());
$w->onMessage = function ($c, $m) use ($w) {
    if ($m === 'broadcast') {
        $w->broadcast('to everyone');
        return;
    }
    if ($m === 'close please') {
        $c->close();
        return;
    }
    $c->websocketType = preg_match('//u', $m) ? "\x81" : "\x82";
    $c->send($m);
};
$w->onWebSocketClose = fn($c, $code, $reason) => note("onWebSocketClose $code $reason");
PHP);
file_put_contents($server->dir . '/client.py', <<<'PY'
import asyncio
import hashlib
import sys

import websockets

URL = 'ws://127.0.0.1:%s' % sys.argv[1]


def show(m):
    if isinstance(m, bytes):
        return 'binary %d bytes md5 %s' % (len(m), hashlib.md5(m).hexdigest())
    if len(m) > 60:
        return 'text %d chars md5 %s' % (len(m), hashlib.md5(m.encode()).hexdigest())
    return 'text %r' % m


async def main():
    async with websockets.connect(URL + '/chat?room=1', subprotocols=['superchat', 'chat'], max_size=None) as ws:
        print('subprotocol', ws.subprotocol)
        print(show(await ws.recv()))
        print(show(await ws.recv()))
        for n in (0, 1, 125, 126, 65535, 65536, 1 << 20):
            text = ('héllo wörld ' * (n // 12 + 1))[:n]
            await ws.send(text)
            back = await ws.recv()
            print('text', n, 'chars:', 'same' if back == text else 'DIFFERENT ' + show(back))
            data = bytes((i * 7 + 255) % 256 for i in range(n)) if n < 70000 else b'\xff\x00' * (n // 2)
            if n and data.decode('utf-8', 'replace').encode() != data:
                await ws.send(data)
                back = await ws.recv()
                print('binary', n, 'bytes:', 'same' if back == data else 'DIFFERENT ' + show(back))
        await ws.send(['frag', 'mented ', 'messägé'])
        print('fragmented:', show(await ws.recv()))
        await ws.send([b'\xff\xfe', b'\x00', b'\x80'])
        print('fragmented binary:', show(await ws.recv()))
        await ws.send('text again')
        print(show(await ws.recv()))
        pong = await ws.ping(b'are you there')
        await asyncio.wait_for(pong, 5)
        print('pong received')
        others = [await websockets.connect(URL + '/other') for _ in range(2)]
        for o in others:
            await o.recv()
            await o.recv()
        await ws.send('broadcast')
        print('broadcast:', show(await ws.recv()), *[show(await o.recv()) for o in others])
        for o in others:
            await o.close()
        await ws.close(4000, 'client done')
        print('closed by the client:', ws.close_code, repr(ws.close_reason))
    async with websockets.connect(URL + '/second') as ws:
        await ws.recv()
        await ws.recv()
        await ws.send('close please')
        try:
            await ws.recv()
        except websockets.exceptions.ConnectionClosedOK as e:
            print('closed by the server:', e.rcvd.code, repr(e.rcvd.reason))


asyncio.run(main())
PY);
$python = ws_python_with_websockets();
passthru(escapeshellarg($python) . ' ' . escapeshellarg($server->dir . '/client.py') . ' ' . $server->port . ' 2>&1');
echo "--- the application saw\n", ws_events($server, 3);
var_dump($server->stop());
?>
--EXPECT--
subprotocol chat
text 'queued before the handshake'
text 'welcome to /chat'
text 0 chars: same
text 1 chars: same
binary 1 bytes: same
text 125 chars: same
binary 125 bytes: same
text 126 chars: same
binary 126 bytes: same
text 65535 chars: same
binary 65535 bytes: same
text 65536 chars: same
binary 65536 bytes: same
text 1048576 chars: same
binary 1048576 bytes: same
fragmented: text 'fragmented messägé'
fragmented binary: binary 4 bytes md5 befdd6d5dd41ec321ab57139806edbb1
text 'text again'
pong received
broadcast: text 'to everyone' text 'to everyone' text 'to everyone'
closed by the client: 4000 ''
closed by the server: 1000 ''
--- the application saw
onWebSocketClose 1000 
onWebSocketClose 1000 
onWebSocketClose 4000 client done
int(0)