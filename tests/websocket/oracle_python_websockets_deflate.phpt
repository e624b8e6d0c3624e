--TEST--
WebSocket oracle with permessage-deflate: Python's websockets (which offers permessage-deflate by default and checks RSV1, the agreed parameters and its inflated data) exchanges text and binary messages of many sizes with a server that has websocketCompression on, with context takeover and without, and receives a broadcast
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
$w->websocketCompression = true;
$w->onMessage = function ($c, $m) use ($w) {
    if ($m === 'broadcast') {
        $w->broadcast(str_repeat('to everyone ', 20));
        return;
    }
    $c->websocketType = preg_match('//u', $m) ? "\x81" : "\x82";
    $c->send($m);
};
PHP);
file_put_contents($server->dir . '/client.py', <<<'PY'
import asyncio
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

URL = 'ws://127.0.0.1:%s' % sys.argv[1]


def raw(m):
    # The echo application picks text or binary by the bytes, so compare bytes.
    return m.encode() if isinstance(m, str) else m


async def run(name, **kw):
    async with websockets.connect(URL, max_size=None, **kw) as ws:
        print(name, ws.extensions)
        print(' ', ws.response_headers.get('Sec-WebSocket-Extensions'))
        same = 0
        total = 0
        for n in (0, 1, 63, 64, 200, 5000, 70000, 1 << 20):
            for text in (True, False):
                m = ('héllo wörld ' * (n // 12 + 1))[:n] if text else bytes((i * 7) % 256 for i in range(n))
                for _ in range(2):
                    await ws.send(m)
                    total += 1
                    same += raw(await ws.recv()) == raw(m)
        print('  echoes the same:', same, 'of', total)
        await ws.send('broadcast')
        print('  broadcast:', raw(await ws.recv()) == raw('to everyone ' * 20))
        await ws.send('after the broadcast ' * 5)
        print('  after it:', (await ws.recv()) == 'after the broadcast ' * 5)


async def main():
    await run('default offer')
    await run('no context takeover', extensions=[ClientPerMessageDeflateFactory(
        server_no_context_takeover=True, client_no_context_takeover=True, server_max_window_bits=10,
        client_max_window_bits=9)])
    await run('no compression', compression=None)


asyncio.run(main())
PY);
$python = ws_python_with_websockets();
passthru(escapeshellarg($python) . ' ' . escapeshellarg($server->dir . '/client.py') . ' ' . $server->port . ' 2>&1');
var_dump($server->stop());
?>
--EXPECT--
default offer [PerMessageDeflate(remote_no_context_takeover=False, local_no_context_takeover=False, remote_max_window_bits=15, local_max_window_bits=12)]
  permessage-deflate; client_max_window_bits=12
  echoes the same: 32 of 32
  broadcast: True
  after it: True
no context takeover [PerMessageDeflate(remote_no_context_takeover=True, local_no_context_takeover=True, remote_max_window_bits=10, local_max_window_bits=9)]
  permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9
  echoes the same: 32 of 32
  broadcast: True
  after it: True
no compression []
  None
  echoes the same: 32 of 32
  broadcast: True
  after it: True
int(0)
