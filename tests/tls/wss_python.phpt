--TEST--
TLS wss:// with Python's websockets as the client (verifying the certificate against the test CA, offering ALPN h2 and http/1.1: http/1.1 agreed), on a wss:// worker and on a websocket:// worker with transport 'ssl': text and binary echo, a message queued by onConnect before the handshake, a 3 MB message each way, a broadcast reaching three wss clients, a ping answered, closes started by either side
--SKIPIF--
<?php
require __DIR__ . '/../websocket/ws_client.inc';
if (ws_python_with_websockets() === null) {
    die('skip python3 with websockets is not installed');
}
?>
--FILE--
<?php
require __DIR__ . '/clients.inc';
require __DIR__ . '/../websocket/ws_client.inc';
$certs = TestCerts::make();
$context = var_export($certs->serverContext(), true);
$server = TestServer::start(<<<PHP
function app(Worker \$w): void {
    \$w->onConnect = fn(\$c) => \$c->send("hello from {\$w->name}");
    \$w->onMessage = function (\$c, \$m) use (\$w) {
        if (\$m === 'broadcast') {
            \$c->websocketType = "\\x81";  // as the others (its last echo was binary)
            \$w->broadcast("to everyone on {\$w->name}");
        } elseif (\$m === 'close please') {
            \$c->close();
        } else {
            \$c->websocketType = preg_match('//u', \$m) ? "\\x81" : "\\x82";
            \$c->send(\$m);
        }
    };
}
\$a = new Worker('wss://127.0.0.1:' . TEST_PORT, $context);
\$a->name = 'wss';
app(\$a);
\$b = new Worker('websocket://127.0.0.1:' . TEST_PORT2, $context);
\$b->transport = 'ssl';
\$b->name = 'websocket+ssl';
app(\$b);
Worker::runAll();
PHP);
file_put_contents($server->dir . '/client.py', <<<'PY'
import asyncio
import hashlib
import ssl
import sys

import websockets

context = ssl.create_default_context(cafile=sys.argv[1])
context.set_alpn_protocols(['h2', 'http/1.1'])


def show(m):
    if isinstance(m, bytes):
        return 'binary %d bytes md5 %s' % (len(m), hashlib.md5(m).hexdigest()[:8])
    if len(m) > 60:
        return 'text %d chars md5 %s' % (len(m), hashlib.md5(m.encode()).hexdigest()[:8])
    return 'text %r' % m


async def main(port):
    url = 'wss://127.0.0.1:%s' % port
    async with websockets.connect(url + '/a', ssl=context, max_size=None) as ws:
        tls = ws.transport.get_extra_info('ssl_object')
        print('TLS', tls.version(), 'ALPN', tls.selected_alpn_protocol())
        print(show(await ws.recv()))
        await ws.send('héllo')
        print('echo:', show(await ws.recv()))
        await ws.send(b'\x00\xff\x80')
        print('echo:', show(await ws.recv()))
        big = ('0123456789abcdéf' * (3 * 1024 * 1024 // 17 + 1))[:3 * 1024 * 1024]
        await ws.send(big)
        print('3 MB text:', 'same' if await ws.recv() == big else 'DIFFERENT')
        data = bytes(range(256)) * (3 * 1024 * 1024 // 256) + b'\x01\x02'
        await ws.send(data)
        print('3 MB binary:', 'same' if await ws.recv() == data else 'DIFFERENT')
        pong = await ws.ping(b'are you there')
        await asyncio.wait_for(pong, 5)
        print('pong received')
        others = [await websockets.connect(url + '/other', ssl=context) for _ in range(2)]
        for o in others:
            await o.recv()
        await ws.send('broadcast')
        print('broadcast:', show(await ws.recv()), '|', ' | '.join([show(await o.recv()) for o in others]))
        for o in others:
            await o.close()
        await ws.close(4000, 'client done')
        print('closed by the client:', ws.close_code)
    async with websockets.connect(url + '/second', ssl=context) as ws:
        await ws.recv()
        await ws.send('close please')
        try:
            await ws.recv()
        except websockets.exceptions.ConnectionClosedOK as e:
            print('closed by the server:', e.rcvd.code)


for port in sys.argv[2:]:
    print('--', port)
    asyncio.run(main(port))
PY);
[$code, $out, $err] = run_client([ws_python_with_websockets(), 'client.py', $certs->path('ca.pem'), (string)$server->port, (string)$server->port2], $server->dir, '', 60);
echo str_replace(["-- {$server->port}\n", "-- {$server->port2}\n"], ["== wss://\n", "== websocket:// with transport 'ssl'\n"], $out);
echo "exit $code $err\n";
var_dump($server->stop());
?>
--EXPECT--
== wss://
TLS TLSv1.3 ALPN http/1.1
text 'hello from wss'
echo: text 'héllo'
echo: binary 3 bytes md5 4fd64cb8
3 MB text: same
3 MB binary: same
pong received
broadcast: text 'to everyone on wss' | text 'to everyone on wss' | text 'to everyone on wss'
closed by the client: 4000
closed by the server: 1000
== websocket:// with transport 'ssl'
TLS TLSv1.3 ALPN http/1.1
text 'hello from websocket+ssl'
echo: text 'héllo'
echo: binary 3 bytes md5 4fd64cb8
3 MB text: same
3 MB binary: same
pong received
broadcast: text 'to everyone on websocket+ssl' | text 'to everyone on websocket+ssl' | text 'to everyone on websocket+ssl'
closed by the client: 4000
closed by the server: 1000
exit 0 
int(0)
