--TEST--
WebSocket heartbeat (Worker::$pingInterval, $pingNotResponseLimit, GatewayWorker's semantics, natively): a silent peer gets a ping frame half an interval into its silence and each interval after, and is closed with 1001 after `limit` intervals without a byte; a peer that answers the pings (its pongs count) stays, and so does one that keeps sending messages; with $pingData that message is sent instead of a ping frame
--FILE--
<?php
require_once __DIR__ . '/timeouts.inc';
require_once __DIR__ . '/../websocket/ws_client.inc';
$dataPort = TestServer::freePort();
$server = ws_start("const DATA_PORT = $dataPort;\n" . <<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->pingInterval = 0.4;
$w->pingNotResponseLimit = 2;
$w->onMessage = fn($c, $m) => $c->send($m);
$data = new Worker('websocket://127.0.0.1:' . DATA_PORT);
$data->pingInterval = 0.4;
$data->pingNotResponseLimit = 2;
$data->pingData = '{"type":"ping"}';
$data->onMessage = fn($c, $m) => $c->send($m);
PHP);

$silent = WsClient::open($server);
$answering = WsClient::open($server);
$talking = WsClient::open($server);
$talking->send('hello');

// The answering peer pongs every ping; the talking one sends a message whenever it got its
// echo back; the silent one only reads. Until the silent one is closed.
$silentFrames = [];
$pings = 0;
$echoes = 0;
wait_for(function () use ($silent, $answering, $talking, &$silentFrames, &$pings, &$echoes) {
    $sockets = ['silent' => $silent->socket, 'answering' => $answering->socket, 'talking' => $talking->socket];
    $r = array_values($sockets);
    $w = $e = null;
    if (@stream_select($r, $w, $e, 0, 50000) === 0) {
        return false;
    }
    if (in_array($answering->socket, $r, true) && ($f = $answering->read()) !== null) {
        if ($f['opcode'] === 0x9) {
            $pings++;
            $answering->write(WsClient::frame($f['payload'], 0xA));
        }
    }
    if (in_array($talking->socket, $r, true) && ($f = $talking->read()) !== null && $f['opcode'] === 0x1) {
        $echoes++;
        usleep(50000);  // the client's pace
        $talking->send('hello');
    }
    if (in_array($silent->socket, $r, true)) {
        if (($f = $silent->read()) !== null) {
            $silentFrames[] = ws_describe($f);
            return false;
        }
        return $silent->closed(1);
    }
    return false;
}, 'the silent peer to be closed');
echo "the silent peer got:\n  ", implode("\n  ", $silentFrames), "\n  EOF\n";
echo 'the answering peer was pinged: ', $pings > 0 ? 'yes' : 'no', "\n";
echo 'the talking peer was answered meanwhile: ', $echoes > 0 ? 'yes' : 'no', "\n";
$answering->send('still here');
echo 'the answering peer afterwards: ', ws_describe($answering->read()), "\n";
$talking->send('still here');
do {
    $f = $talking->read();
} while ($f !== null && $f['payload'] === 'hello');
echo 'the talking peer afterwards: ', ws_describe($f), "\n";

echo "== with pingData\n";
$port = $server->port;
$server->port = $dataPort;
$silentData = WsClient::open($server);
$server->port = $port;
ws_until_closed($silentData);
var_dump($server->stop());
?>
--EXPECT--
the silent peer got:
  ping ""
  ping ""
  close 1001 ""
  EOF
the answering peer was pinged: yes
the talking peer was answered meanwhile: yes
the answering peer afterwards: text "still here"
the talking peer afterwards: text "still here"
== with pingData
  text "{\"type\":\"ping\"}"
  text "{\"type\":\"ping\"}"
  close 1001 ""
  EOF
int(0)
