--TEST--
ws:// client on the wire (the test is the server, over a raw socket): the exact handshake request (path and query, Host with the port, Origin, Sec-WebSocket-Protocol, user headers, a base64 key of 16 random bytes, a new key per connection), a wrong Sec-WebSocket-Accept -> onError and close, masked frames with a fresh non-zero key per frame, a masked frame from the server -> close frame 1002 and close, a text message that is not UTF-8 -> close 1007 without onMessage, the server's close code echoed, onWebSocketClose with code and reason
--FILE--
<?php
require __DIR__ . '/client.inc';
$listen = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($listen, false), ':'), 1);
$server = client_start(<<<PHP
const RAW_PORT = $port;
PHP . <<<'PHP'

new Worker('tcp://127.0.0.1:' . TEST_PORT); // the harness waits for this port
$client = new Worker();
$client->onWorkerStart = function () {
    $n = 0;
    $open = function () use (&$open, &$n) {
        $c = new AsyncTcpConnection('ws://127.0.0.1:' . RAW_PORT . '/feed?x=1&y=%20');
        $c->websocketOrigin = 'https://origin.test';
        $c->websocketClientProtocol = 'v1.proto';
        $c->headers = ['X-Token' => 'abc', 'Bad' => "a\r\nInjected: yes"];
        $c->onError = fn($c, $code, $msg) => note("C onError $code $msg");
        $c->onWebSocketConnect = function ($c, $r) {
            note('C onWebSocketConnect ' . $r->getStatusCode() . ' ' . json_encode($r->getHeader('X-Server')));
            $c->send('a');
            $c->send('a');
        };
        $c->onMessage = fn($c, $m) => note("C onMessage $m");
        $c->onWebSocketClose = fn($c, $code, $reason) => note("C onWebSocketClose $code $reason");
        $c->onClose = function () use (&$open, &$n) {
            note('C onClose');
            if (++$n < 4) $open(); else note('done');
        };
        $c->connect();
    };
    $open();
};
PHP);

function head($s): string {
    $h = '';
    while (!str_ends_with($h, "\r\n\r\n") && ($ch = fread($s, 1)) !== '' && $ch !== false) $h .= $ch;
    return $h;
}
function frame_in($s): array {
    $b = fread($s, 2);
    $len = ord($b[1]) & 0x7f;
    $key = (ord($b[1]) & 0x80) ? fread($s, 4) : '';
    $p = $len ? fread($s, $len) : '';
    if ($key !== '') for ($i = 0; $i < $len; $i++) $p[$i] = $p[$i] ^ $key[$i % 4];
    return [bin2hex($b[0]), (ord($b[1]) & 0x80) ? 'masked' : 'unmasked', $key, $p];
}
$keys = [];
foreach (['wrong accept', 'masked server frame', 'invalid utf8', 'server close'] as $case) {
    $s = stream_socket_accept($listen, 10);
    stream_set_timeout($s, 10);
    $req = head($s);
    preg_match('/Sec-WebSocket-Key: (\S+)\r\n/', $req, $m);
    $key = $m[1];
    $keys[] = $key;
    echo "== $case\n";
    echo 'key: ', strlen(base64_decode($key, true)), " bytes\n";
    echo str_replace([$key, ":$port\r\n"], ["KEY", ":PORT\r\n"], $req);
    $accept = base64_encode(sha1($key . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true));
    if ($case === 'wrong accept') {
        fwrite($s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " . base64_encode(str_repeat('x', 20)) . "\r\n\r\n");
        echo 'then: ', fread($s, 10) === '' ? 'closed' : 'bytes', "\n";
        fclose($s);
        continue;
    }
    fwrite($s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Server: raw\r\nSec-WebSocket-Accept: $accept\r\n\r\n");
    [$op1, $m1, $k1, $p1] = frame_in($s);
    [$op2, $m2, $k2, $p2] = frame_in($s);
    echo "frames: $op1 $m1 $p1, $op2 $m2 $p2, keys differ: ", $k1 !== $k2 ? 'yes' : 'no',
        ', zero key: ', ($k1 === "\0\0\0\0" || $k2 === "\0\0\0\0") ? 'yes' : 'no', "\n";
    if ($case === 'masked server frame') {
        fwrite($s, "\x81\x81\x01\x02\x03\x04" . ('z' ^ "\x01"));
    } elseif ($case === 'invalid utf8') {
        fwrite($s, "\x01\x01\xc3" . "\x80\x01\x28");  // "\xc3\x28" in two fragments
    } else {
        fwrite($s, "\x81\x02hi" . "\x88\x06\x0f\xa0" . 'bye!');
    }
    [$op, $mk, , $p] = frame_in($s);
    echo "answer: $op $mk code ", unpack('n', $p)[1], "\n";
    echo 'then: ', fread($s, 10) === '' ? 'closed' : 'bytes', "\n";
    fclose($s);
}
echo 'four different keys: ', count(array_unique($keys)) === 4 ? 'yes' : 'no', "\n";
echo client_events($server);
var_dump($server->stop());
?>
--EXPECT--
== wrong accept
key: 16 bytes
GET /feed?x=1&y=%20 HTTP/1.1
Host: 127.0.0.1:PORT
Connection: Upgrade
Upgrade: websocket
Origin: https://origin.test
Sec-WebSocket-Protocol: v1.proto
Sec-WebSocket-Version: 13
Sec-WebSocket-Key: KEY
X-Token: abc

then: closed
== masked server frame
key: 16 bytes
GET /feed?x=1&y=%20 HTTP/1.1
Host: 127.0.0.1:PORT
Connection: Upgrade
Upgrade: websocket
Origin: https://origin.test
Sec-WebSocket-Protocol: v1.proto
Sec-WebSocket-Version: 13
Sec-WebSocket-Key: KEY
X-Token: abc

frames: 81 masked a, 81 masked a, keys differ: yes, zero key: no
answer: 88 masked code 1002
then: closed
== invalid utf8
key: 16 bytes
GET /feed?x=1&y=%20 HTTP/1.1
Host: 127.0.0.1:PORT
Connection: Upgrade
Upgrade: websocket
Origin: https://origin.test
Sec-WebSocket-Protocol: v1.proto
Sec-WebSocket-Version: 13
Sec-WebSocket-Key: KEY
X-Token: abc

frames: 81 masked a, 81 masked a, keys differ: yes, zero key: no
answer: 88 masked code 1007
then: closed
== server close
key: 16 bytes
GET /feed?x=1&y=%20 HTTP/1.1
Host: 127.0.0.1:PORT
Connection: Upgrade
Upgrade: websocket
Origin: https://origin.test
Sec-WebSocket-Protocol: v1.proto
Sec-WebSocket-Version: 13
Sec-WebSocket-Key: KEY
X-Token: abc

frames: 81 masked a, 81 masked a, keys differ: yes, zero key: no
answer: 88 masked code 4000
then: closed
four different keys: yes
C onError 1 Sec-WebSocket-Accept does not match the key sent
C onClose
C onWebSocketConnect 101 "raw"
C onClose
C onWebSocketConnect 101 "raw"
C onClose
C onWebSocketConnect 101 "raw"
C onMessage hi
C onWebSocketClose 4000 bye!
C onClose
done
int(0)
