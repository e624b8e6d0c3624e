--TEST--
WebSocket send(): text frames by default, binary with websocketType = BINARY_TYPE_ARRAYBUFFER (per connection, changeable at any time); scalars as strings, anything else JSON-encoded with unescaped Unicode (as Workerman); a value JSON cannot encode throws; raw sends go out as they are; the Websocket constants
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
use Surge\Protocols\Websocket;
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    switch ($m) {
        case 'constants':
            $c->send(bin2hex(Websocket::BINARY_TYPE_BLOB) . ' ' . bin2hex(Websocket::BINARY_TYPE_ARRAYBUFFER));
            return;
        case 'binary':
            $c->websocketType = Websocket::BINARY_TYPE_ARRAYBUFFER;
            $c->send("\x00\x01 binary");
            $c->websocketType = Websocket::BINARY_TYPE_BLOB;
            $c->send('text again');
            return;
        case 'values':
            foreach ([42, 1.5, true, false, null, ['a' => 1, 'b' => 'é/"'], [1, 2], new ArrayObject([]), (object)['x' => 'y']] as $v) {
                $c->send($v);
            }
            return;
        case 'bad json':
            try {
                $c->send(["\xff"]);
            } catch (Throwable $e) {
                $c->send(get_class($e) . ': ' . $e->getMessage());
            }
            return;
        case 'raw':
            $c->send('raw send returns ' . var_export($c->send("\x81\x03raw", true), true));
            return;
    }
};
PHP);
$ws = WsClient::open($server);
foreach (['constants' => 1, 'binary' => 2, 'values' => 9, 'bad json' => 1, 'raw' => 2] as $ask => $n) {
    echo "== $ask\n";
    $ws->send($ask);
    for ($i = 0; $i < $n; $i++) {
        $f = $ws->read();
        echo $f['opcode'] === 1 ? 'text: ' . $f['payload'] : ws_describe($f), "\n";
    }
}
var_dump($server->stop());
?>
--EXPECT--
== constants
text: 81 82
== binary
binary 00012062696e617279
text: text again
== values
text: 42
text: 1.5
text: 1
text: 
text: null
text: {"a":1,"b":"é\/\""}
text: [1,2]
text: {}
text: {"x":"y"}
== bad json
text: ValueError: WebSocket send(): the array could not be JSON-encoded
== raw
text: raw
text: raw send returns true
int(0)