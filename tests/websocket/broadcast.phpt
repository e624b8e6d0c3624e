--TEST--
Worker::broadcast(): to every connection whose handshake is complete (not to one still in its handshake), to listed ids, except listed ids; each connection gets the frame of its own websocketType; returns how many connections got it; a connection whose send buffer is full gets onBufferFull and misses that message only, while the others get every one; broadcast() on a worker that is not websocket:// throws
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onWebSocketConnect = function ($c, $r) {
    if ($r->path() === '/binary') {
        $c->websocketType = Surge\Protocols\Websocket::BINARY_TYPE_ARRAYBUFFER;
    } elseif ($r->path() === '/roomy') {
        $c->maxSendBufferSize = 200 << 20;
    } elseif ($r->path() === '/tiny') {
        $c->maxSendBufferSize = 1;
    }
};
$w->onWebSocketConnected = fn($c) => $c->send("id {$c->id}");
$w->onBufferFull = fn($c) => note("onBufferFull {$c->id}");
$w->onMessage = function ($c, $m) use ($w) {
    [$what, $ids, $except] = explode(' ', $m) + ['', '', ''];
    $list = fn(string $s) => $s === '-' || $s === '' ? null : array_map('intval', explode(',', $s));
    if ($what === 'fill') {
        // 256 KiB messages to the roomy and the tiny connection until the tiny one misses one.
        $counts = [];
        for ($i = 1; $i <= 200; $i++) {
            $counts[] = $w->broadcast(str_repeat(chr(96 + $i % 26), 256 * 1024), $list($ids));
            if (end($counts) < 2) {
                break;
            }
        }
        note('fill: ' . count($counts) . ' broadcasts; counts ' . implode(',', array_unique($counts)));
        $c->send((string)count($counts));
        return;
    }
    note("broadcast $what: " . $w->broadcast($what, $list($ids), $list($except)));
};

$text = new Worker('text://127.0.0.1:' . TEST_PORT2);
$text->onMessage = function ($c, $m) use ($text) {
    try {
        $text->broadcast('x');
    } catch (Throwable $e) {
        $c->send(get_class($e) . ': ' . $e->getMessage());
    }
};
PHP, '', RECV_PROGRESS);

$id = fn(WsClient $ws) => (int)substr($ws->read()['payload'], 3);
$a = WsClient::open($server, '/a');
$b = WsClient::open($server, '/roomy');
$c = WsClient::open($server, '/binary');
$pending = new WsClient($server->connect(), $server);  // connected, handshake not sent
$e = WsClient::open($server, '/tiny');
[$ia, $ib, $ic, $ie] = [$id($a), $id($b), $id($c), $id($e)];
echo "ids in connection order: ", json_encode([$ia, $ib, $ic, $ie]), "\n";

$show = function (string $label) use ($a, $b, $c, $e, $pending) {
    echo "$label:\n";
    foreach (['a' => $a, 'b (roomy)' => $b, 'c (binary)' => $c, 'e (tiny)' => $e, 'pending handshake' => $pending] as $name => $ws) {
        echo "  $name: ", $ws->silent() ? '-' : ws_describe($ws->read()), "\n";
    }
};
$a->send('everyone');
$show('everyone');
$a->send("not-a-nor-c - $ia,$ic");
$show('except a and c');
$a->send("b-and-e $ib,$ie,999");
$show('to b, e and an unknown id');
$a->send("b-only $ib,$ie $ie");
$show('to b and e, except e');
echo ws_events($server, 4);
ws_events_reset($server);

echo "== fill\n";
$a->send("fill $ib,$ie");
$n = (int)$a->read()['payload'];
$bGot = 0;
for ($i = 0; $i < $n; $i++) {
    $f = $b->read();
    $bGot += strlen($f['payload']) === 256 * 1024 ? 1 : 0;
}
echo "b got every one: ", var_export($bGot === $n, true), "\n";
$eGot = 0;
while (!$e->silent()) {
    $eGot += strlen($e->read()['payload']) === 256 * 1024 ? 1 : 0;
}
echo "e got all but the last: ", var_export($eGot === $n - 1, true), "\n";
echo str_replace([" $ie\n", "$n broadcasts"], [" e\n", "N broadcasts"], ws_events($server, 3));

echo "== a text worker\n";
$t = stream_socket_client('tcp://127.0.0.1:' . $server->port2);
fwrite($t, "go\n");
echo fgets($t);
var_dump($server->stop());
?>
--EXPECT--
ids in connection order: [1,2,3,5]
everyone:
  a: text "everyone"
  b (roomy): text "everyone"
  c (binary): binary 65766572796f6e65
  e (tiny): text "everyone"
  pending handshake: -
except a and c:
  a: -
  b (roomy): text "not-a-nor-c"
  c (binary): -
  e (tiny): text "not-a-nor-c"
  pending handshake: -
to b, e and an unknown id:
  a: -
  b (roomy): text "b-and-e"
  c (binary): -
  e (tiny): text "b-and-e"
  pending handshake: -
to b and e, except e:
  a: -
  b (roomy): text "b-only"
  c (binary): -
  e (tiny): -
  pending handshake: -
broadcast everyone: 4
broadcast not-a-nor-c: 2
broadcast b-and-e: 2
broadcast b-only: 1
== fill
b got every one: true
e got all but the last: true
onBufferFull e
onBufferFull e
fill: N broadcasts; counts 2,1
== a text worker
RuntimeException: Surge\Worker::broadcast() needs a websocket:// worker running in this process
int(0)