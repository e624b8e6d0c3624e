--TEST--
Protocols: Surge\Protocols\Frame::input/encode/decode called as plain static methods
--FILE--
<?php
require __DIR__ . '/../helper.inc';
// Run in a fresh `php -n -d extension=surge.so`, whether or not this process loaded it.
$php = TestServer::spawn(<<<'PHP'
use Surge\Protocols\Frame;
foreach (['', "\x00\x00\x00", "\x00\x00\x00\x04", "\x00\x00\x00\x07ab", "\x00\x00\x00\x07abc", "\x00\x00\x00\x05ab", "\x00\x00\x00\x03", "\x00\x00\x00\x00xyz"] as $buffer) {
    echo bin2hex($buffer), ' => ', Frame::input($buffer), "\n";
}
var_dump(bin2hex(Frame::encode('abc')), bin2hex(Frame::encode('')), Frame::decode("\x00\x00\x00\x07abc"), Frame::decode("\x00\x00\x00\x04"), Frame::decode('ab'));
$payload = random_bytes(300);
var_dump(Frame::decode(Frame::encode($payload)) === $payload, Frame::input(Frame::encode($payload)));
TcpConnection::$defaultMaxPackageSize = 100;
var_dump(Frame::input(pack('N', 100)), Frame::input(pack('N', 101)));
$c = new TcpConnection();
$c->maxPackageSize = 1000;
var_dump(Frame::input(pack('N', 1000), $c), Frame::input(pack('N', 1001), $c));
PHP);
var_dump($php->wait(10));
echo $php->output();
?>
--EXPECT--
int(0)
 => 0
000000 => 0
00000004 => 4
000000076162 => 7
00000007616263 => 7
000000056162 => 5
00000003 => -1
0000000078797a => -1
string(14) "00000007616263"
string(8) "00000004"
string(3) "abc"
string(0) ""
string(0) ""
bool(true)
int(304)
int(100)
int(-1)
int(1000)
int(-1)
