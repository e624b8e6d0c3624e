--TEST--
Protocols: Surge\Protocols\Text::input/encode/decode called as plain static methods
--FILE--
<?php
require __DIR__ . '/../helper.inc';
// Run in a fresh `php -n -d extension=surge.so`, whether or not this process loaded it.
$php = TestServer::spawn(<<<'PHP'
use Surge\Protocols\Text;
foreach (['', 'abc', "abc\n", "a\r\nb\n", "\n", "line one\nline two\n"] as $buffer) {
    echo json_encode($buffer), ' => ', Text::input($buffer), "\n";
}
var_dump(Text::encode('hello'), Text::encode(''), Text::decode("hello\r\n"), Text::decode("hello\n"), Text::decode("x\r\n\r\n"), Text::decode('plain'));
// Without a connection the default limit applies.
TcpConnection::$defaultMaxPackageSize = 10;
var_dump(Text::input(str_repeat('a', 9)), Text::input(str_repeat('a', 10)), Text::input(str_repeat('a', 20) . "\n"), Text::input("123456789\n"));
$c = new TcpConnection();
$c->maxPackageSize = 100;
var_dump(Text::input(str_repeat('a', 50) . "\n", $c), Text::input(str_repeat('a', 150), $c), $c->getStatus(false));
try {
    Text::input('x', new stdClass());
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
PHP);
var_dump($php->wait(10));
echo $php->output();
?>
--EXPECT--
int(0)
"" => 0
"abc" => 0
"abc\n" => 4
"a\r\nb\n" => 3
"\n" => 1
"line one\nline two\n" => 9
string(6) "hello
"
string(1) "
"
string(5) "hello"
string(5) "hello"
string(1) "x"
string(5) "plain"
int(0)
int(0)
int(0)
int(10)
int(51)
int(0)
string(6) "CLOSED"
Surge\Protocols\Text::input(): Argument #2 ($connection) must be of type ?Surge\Connection\ConnectionInterface, stdClass given
