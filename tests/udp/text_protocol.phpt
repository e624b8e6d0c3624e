--TEST--
UDP: text:// with transport 'udp' makes each "\n"-terminated line of a datagram one message ("\r\n" stripped), drops a last part without "\n", and send() appends "\n"
--FILE--
<?php
require __DIR__ . '/udp.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->transport = 'udp';
$w->onWorkerStart = function ($w) { Worker::log("ready {$w->transport} " . get_class($w) . ' ' . $w->protocol); };
$w->onMessage = function ($c, $line) {
    Worker::log('line ' . json_encode($line) . " {$c->transport} {$c->protocol}");
    $c->send(strtoupper($line));
};
Worker::runAll();
PHP, ['start'], ['wait' => false]);
echo $server->waitForLog('ready') ? "ready\n" : '';
$c = udp_client($server->port);
// Three lines in one datagram, then an unterminated tail that is dropped.
udp_send($c, "abc\r\ndef\n\nghi\nunterminated");
var_dump(udp_recv($c), udp_recv($c), udp_recv($c), udp_recv($c));
// A datagram never continues the previous one: "unterminated" is not joined to this.
udp_send($c, "next\n");
var_dump(udp_recv($c));
// Nothing but an unterminated part: no message; the marker's answer comes first.
udp_send($c, "no newline");
udp_send($c, "marker\n");
var_dump(udp_recv($c));
$server->waitForLog('line "marker"');
echo implode("\n", array_slice($server->logMessages(), 1)), "\n";
var_dump($server->stop());
?>
--EXPECT--
ready
string(4) "ABC
"
string(4) "DEF
"
string(1) "
"
string(4) "GHI
"
string(5) "NEXT
"
string(7) "MARKER
"
ready udp Surge\Worker \Surge\Protocols\Text
line "abc" udp \Surge\Protocols\Text
line "def" udp \Surge\Protocols\Text
line "" udp \Surge\Protocols\Text
line "ghi" udp \Surge\Protocols\Text
line "next" udp \Surge\Protocols\Text
line "marker" udp \Surge\Protocols\Text
int(0)
