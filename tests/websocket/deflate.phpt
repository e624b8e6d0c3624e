--TEST--
WebSocket permessage-deflate (Autobahn 12.x/13.x): the 101's extension line, compressed messages both ways with context takeover (and without, when asked), small messages uncompressed, fragmented compressed messages, UTF-8 checked after inflating (1007), corrupt data (1007), RSV1 on a continuation or a control frame (1002), RSV1 without deflate agreed (1002), a zip bomb closed with 1009
--SKIPIF--
<?php if (!function_exists('deflate_init')) die('skip zlib extension needed for the client side'); ?>
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->websocketCompression = ['threshold' => 10, 'serverMaxWindowBits' => 15];
$w->onConnect = function ($c) {
    $c->maxPackageSize = 100000;
};
$w->onWebSocketConnect = function ($c, $r) {
    if ($r->path() === '/plain') {
        $c->worker->websocketCompression = false;
    }
};
$w->onMessage = function ($c, $m) {
    note(strlen($m) > 40 ? strlen($m) . ' bytes md5 ' . md5($m) : json_encode($m));
    $c->websocketType = preg_match('//u', $m) ? "\x81" : "\x82";
    $c->send($m);
    $c->worker->websocketCompression = ['threshold' => 10, 'serverMaxWindowBits' => 15];
};
PHP);

// The client's side of permessage-deflate, with PHP's zlib.
final class Deflate
{
    private $out;
    private $in;
    public function __construct(private bool $takeover = true) { $this->reset(); }
    public function reset(): void
    {
        $this->out = deflate_init(ZLIB_ENCODING_RAW, ['window' => 15]);
        $this->in = inflate_init(ZLIB_ENCODING_RAW, ['window' => 15]);
    }
    public function compress(string $m): string
    {
        $z = deflate_add($this->out, $m, ZLIB_SYNC_FLUSH);
        if (!$this->takeover) {
            $this->out = deflate_init(ZLIB_ENCODING_RAW, ['window' => 15]);
        }
        return substr($z, -4) === "\x00\x00\xff\xff" ? substr($z, 0, -4) : $z;
    }
    public function expand(string $p): string
    {
        return inflate_add($this->in, $p . "\x00\x00\xff\xff", ZLIB_SYNC_FLUSH);
    }
}

function show(WsClient $ws, Deflate $z): void
{
    $f = $ws->read();
    if ($f !== null && ($f['rsv'] & 4)) {
        $f['payload'] = $z->expand($f['payload']);
        $n = strlen($f['payload']);
        $f['form'] = $n < 126 ? 0 : ($n <= 0xFFFF ? 126 : 127);
        echo '  ', ws_describe($f), " (compressed)\n";
        return;
    }
    echo '  ', ws_describe($f), "\n";
}

function extensionLine(WsClient $ws): string
{
    return preg_match('/^Sec-WebSocket-Extensions: (.*)\r$/mi', $ws->answer, $m) ? $m[1] : '(none)';
}

$offer = ['Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'];

echo "== negotiation\n";
foreach ([
    [],
    ['Sec-WebSocket-Extensions: x-webkit-deflate-frame'],
    $offer,
    ['Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=10; client_max_window_bits=9'],
    ['Sec-WebSocket-Extensions: permessage-deflate; bogus', 'Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover'],
    ['Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; server_no_context_takeover'],
] as $lines) {
    $ws = WsClient::open($server, '/', $lines);
    echo '  ', json_encode($lines), ' -> ', extensionLine($ws), "\n";
    $ws->close();
}

echo "== both ways, context takeover both ways\n";
$ws = WsClient::open($server, '/', $offer);
$z = new Deflate();
$hello = 'Hello, compressed world! Hello, compressed world!';
foreach ([$hello, $hello, 'héllo wörld ' . $hello] as $m) {
    $p = $z->compress($m);
    echo '  sent ', strlen($p), " bytes compressed\n";
    $ws->write(WsClient::frame($p, 0x1, true, true, 4));
    show($ws, $z);
}
echo "  short: \n";
$ws->write(WsClient::frame($z->compress('tiny'), 0x1, true, true, 4));
show($ws, $z);
echo "  binary, and uncompressed from the client:\n";
$ws->write(WsClient::frame($z->compress(str_repeat("\xff\x00", 100)), 0x2, true, true, 4));
show($ws, $z);
$ws->send(str_repeat('plain text ', 10));
show($ws, $z);
echo "  fragmented compressed message (RSV1 on the first frame only), a ping between:\n";
$p = $z->compress(str_repeat('fragmented ', 20));
$ws->write(WsClient::frame(substr($p, 0, 5), 0x1, false, true, 4) . WsClient::frame('p', 0x9)
    . WsClient::frame(substr($p, 5, 3), 0x0, false) . WsClient::frame(substr($p, 8), 0x0, true));
show($ws, $z);
show($ws, $z);
echo "  a large one:\n";
$big = str_repeat('0123456789abcdef', 6000);
$ws->write(WsClient::frame($z->compress($big), 0x1, true, true, 4));
show($ws, $z);
$ws->write(WsClient::frame(WsClient::closePayload(1000), 0x8));
ws_until_closed($ws);

echo "== no context takeover asked by the client\n";
$ws = WsClient::open($server, '/', ['Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover']);
echo '  ', extensionLine($ws), "\n";
$z = new Deflate(false);
foreach ([$hello, $hello] as $m) {
    $ws->write(WsClient::frame($z->compress($m), 0x1, true, true, 4));
    $f = $ws->read();
    echo '  ', bin2hex($f['payload']), ' ', (new Deflate())->expand($f['payload']), "\n";
}
$ws->close();

$errors = [
    'invalid UTF-8 after inflating' => fn($z) => WsClient::frame($z->compress("valid so far \xff\xfe then not"), 0x1, true, true, 4),
    'corrupt DEFLATE data' => fn($z) => WsClient::frame("\xff\xff\xff\xff", 0x1, true, true, 4),
    'RSV1 on a continuation' => fn($z) => WsClient::frame('abc', 0x1, false) . WsClient::frame('def', 0x0, true, true, 4),
    'RSV1 on a ping' => fn($z) => WsClient::frame('', 0x9, true, true, 4),
    'zip bomb (1 MB of zeros in about 1 KB, limit 100000)' => fn($z) => WsClient::frame($z->compress(str_repeat("\0", 1 << 20)), 0x2, true, true, 4),
];
foreach ($errors as $name => $make) {
    echo "== $name\n";
    $ws = WsClient::open($server, '/', $offer);
    $z = new Deflate();
    $ws->write(WsClient::frame($z->compress(str_repeat('before ', 5)), 0x1, true, true, 4) . $make($z));
    while (($f = $ws->read()) !== null) {
        if ($f['rsv'] & 4) {
            $f['payload'] = $z->expand($f['payload']);
            $f['form'] = 0;
        }
        echo '  ', ws_describe($f), "\n";
    }
    echo $ws->closed(1) ? "  EOF\n" : "  (still open)\n";
}

echo "== RSV1 without deflate agreed\n";
$ws = WsClient::open($server, '/plain', $offer);
echo '  ', extensionLine($ws), "\n";
$z = new Deflate();
$ws->write(WsClient::frame($z->compress($hello), 0x1, true, true, 4));
ws_until_closed($ws);

echo "--- the application saw\n", ws_events($server, 18);
var_dump($server->stop());
?>
--EXPECT--
== negotiation
  [] -> (none)
  ["Sec-WebSocket-Extensions: x-webkit-deflate-frame"] -> (none)
  ["Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"] -> permessage-deflate; client_max_window_bits=12
  ["Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=10; client_max_window_bits=9"] -> permessage-deflate; server_max_window_bits=10; client_max_window_bits=9
  ["Sec-WebSocket-Extensions: permessage-deflate; bogus","Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover"] -> permessage-deflate; server_no_context_takeover; client_no_context_takeover
  ["Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; server_no_context_takeover"] -> (none)
== both ways, context takeover both ways
  sent 30 bytes compressed
  text "Hello, compressed world! Hello, compressed world!" [RSV 4] (compressed)
  sent 6 bytes compressed
  text "Hello, compressed world! Hello, compressed world!" [RSV 4] (compressed)
  sent 18 bytes compressed
  text 63 bytes md5 a7da67adcafd7859f2eefc16e83356d8 [RSV 4] (compressed)
  short: 
  text "tiny"
  binary, and uncompressed from the client:
  binary 200 bytes md5 877ae0cbf2bd9e6a04800241e81b8323 [RSV 4] (compressed)
  text 110 bytes md5 521abd7d062c83feb2bc8a4a31c99fef [RSV 4] (compressed)
  fragmented compressed message (RSV1 on the first frame only), a ping between:
  pong "p"
  text 220 bytes md5 1094062489048d811b7ae673e7c0af6c [RSV 4] (compressed)
  a large one:
  text 96000 bytes md5 235831179251ea98a493306b3555f960 [RSV 4] (compressed)
  close 1000 ""
  EOF
== no context takeover asked by the client
  permessage-deflate; server_no_context_takeover; client_no_context_takeover
  f248cdc9c9d75148cecf2d284a2d2e4e4d5128cf2fca495154f0c0210100 Hello, compressed world! Hello, compressed world!
  f248cdc9c9d75148cecf2d284a2d2e4e4d5128cf2fca495154f0c0210100 Hello, compressed world! Hello, compressed world!
== invalid UTF-8 after inflating
  text "before before before before before " [RSV 4]
  close 1007 "invalid UTF-8 in text message"
  EOF
== corrupt DEFLATE data
  text "before before before before before " [RSV 4]
  close 1007 "invalid compressed data"
  EOF
== RSV1 on a continuation
  text "before before before before before " [RSV 4]
  close 1002 "compressed continuation frame"
  EOF
== RSV1 on a ping
  text "before before before before before " [RSV 4]
  close 1002 "compressed control frame"
  EOF
== zip bomb (1 MB of zeros in about 1 KB, limit 100000)
  text "before before before before before " [RSV 4]
  close 1009 "message too big"
  EOF
== RSV1 without deflate agreed
  (none)
  close 1002 "reserved bit set"
  EOF
--- the application saw
49 bytes md5 ace79d14b0e1a0c5a69732aaa707f114
49 bytes md5 ace79d14b0e1a0c5a69732aaa707f114
63 bytes md5 a7da67adcafd7859f2eefc16e83356d8
"tiny"
200 bytes md5 877ae0cbf2bd9e6a04800241e81b8323
110 bytes md5 521abd7d062c83feb2bc8a4a31c99fef
220 bytes md5 1094062489048d811b7ae673e7c0af6c
96000 bytes md5 235831179251ea98a493306b3555f960
49 bytes md5 ace79d14b0e1a0c5a69732aaa707f114
49 bytes md5 ace79d14b0e1a0c5a69732aaa707f114
"before before before before before "
"before before before before before "
"before before before before before "
"before before before before before "
"before before before before before "
int(0)
