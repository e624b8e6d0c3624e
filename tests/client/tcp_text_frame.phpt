--TEST--
AsyncTcpConnection: tcp://, text:// and frame:// clients against Surge servers in the same process: onConnect, framed messages both ways, getStatus, addresses, close from the client and from the server
--FILE--
<?php
require __DIR__ . '/client.inc';
$server = client_start(<<<'PHP'
$text = new Worker('text://127.0.0.1:' . TEST_PORT);
$text->onMessage = function ($c, $m) {
    $c->send("echo:$m");
    if ($m === 'bye') $c->close();
};
$frame = new Worker('frame://127.0.0.1:' . TEST_PORT2);
$frame->onMessage = fn($c, $m) => $c->send(strrev($m));
$raw = new Worker('tcp://127.0.0.1:' . (TEST_PORT + 2));
$raw->onMessage = fn($c, $m) => $c->send(strtoupper($m));
$raw->count = 1;
$client = new Worker();
$client->onWorkerStart = function () {
    $t = new AsyncTcpConnection('text://127.0.0.1:' . TEST_PORT);
    note('text before connect: ' . $t->getStatus(false) . ' ' . $t->getRemoteAddress() . ' ' . $t->getRemoteURI() . ' protocol ' . $t->protocol);
    $t->onConnect = function ($c) {
        note('text onConnect ' . $c->getStatus(false) . ' ' . $c->getRemoteAddress() . ' local ' . $c->getLocalIp());
        $c->send('one');
        $c->send("two\n2");
    };
    $t->onMessage = function ($c, $m) {
        note("text onMessage $m");
        if ($m === 'echo:two') $c->send('bye');
    };
    $t->onClose = function ($c) {
        note('text onClose ' . $c->getStatus(false));
        $f = new AsyncTcpConnection('frame://127.0.0.1:' . TEST_PORT2);
        $f->onConnect = fn($c) => $c->send("abc\x00def") && false;
        $f->onMessage = function ($c, $m) {
            note('frame onMessage ' . bin2hex($m));
            $c->close();
        };
        $f->onClose = function ($c) {
            note('frame onClose');
            $r = new AsyncTcpConnection('tcp://127.0.0.1:' . (TEST_PORT + 2));
            note('tcp protocol ' . var_export($r->protocol, true));
            $r->onConnect = fn($c) => $c->send('raw bytes');
            $r->onMessage = function ($c, $m) {
                note("tcp onMessage $m");
                $c->close('last', true);
            };
            $r->onClose = function ($c) { note('tcp onClose'); note('done'); };
            $r->connect();
        };
        $f->connect();
    };
    $t->connect();
    note('text after connect: ' . $t->getStatus(false));
};
PHP);
echo client_events($server);
var_dump($server->stop());
?>
--EXPECTF--
text before connect: INITIAL 127.0.0.1:%d text://127.0.0.1:%d protocol \Surge\Protocols\Text
text after connect: CONNECTING
text onConnect ESTABLISHED 127.0.0.1:%d local 127.0.0.1
text onMessage echo:one
text onMessage echo:two
text onMessage echo:2
text onMessage echo:bye
text onClose CLOSED
frame onMessage 66656400636261
frame onClose
tcp protocol NULL
tcp onMessage RAW BYTES
tcp onClose
done
int(0)
