--TEST--
UDP: frame:// with transport 'udp' delivers each length-prefixed frame of a datagram and frames answers; a malformed or truncated frame ends the datagram, nothing half-parsed is delivered
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('frame://127.0.0.1:' . TEST_PORT);
$w->transport = 'udp';
$w->onWorkerStart = function () { Worker::log('ready'); };
$w->onMessage = function ($c, $payload) {
    Worker::log('frame ' . json_encode($payload));
    $c->send("ok $payload");
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$server->waitForLog('ready');
$c = udp_client($server->port);
// Two frames and an empty one in one datagram.
udp_send($c, frame('a') . frame('bcd') . frame(''));
var_dump(udp_recv($c) === frame('ok a'), udp_recv($c) === frame('ok bcd'), udp_recv($c) === frame('ok '));
// A length below the 4-byte header ends the datagram: the frame after it is not read.
udp_send($c, frame('good1') . pack('N', 3) . 'xyz' . frame('lost1'));
// A frame announcing more bytes than the datagram holds: dropped, not half-delivered.
udp_send($c, frame('good2') . pack('N', 100) . 'only a few bytes');
// Shorter than a header: nothing.
udp_send($c, "\x00\x00");
// A zero length, then a well-formed frame: the whole rest is dropped.
udp_send($c, pack('N', 0) . frame('lost2'));
udp_send($c, frame('marker'));
var_dump(udp_recv($c) === frame('ok good1'), udp_recv($c) === frame('ok good2'));
var_dump(bin2hex(udp_recv($c)));
$server->waitForLog('frame "marker"');
echo implode("\n", array_slice($server->logMessages(), 2)), "\n";
var_dump($server->stop());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(26) "0000000d6f6b206d61726b6572"
frame "a"
frame "bcd"
frame ""
frame "good1"
frame "good2"
frame "marker"
int(0)
