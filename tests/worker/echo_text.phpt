--TEST--
Worker: text:// echo with forked workers, onConnect, onMessage, onClose in order
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'echo';
$w->count = 2;
$w->onConnect = function ($c) { Worker::log("connect {$c->id}"); $c->send("hello"); };
$w->onMessage = function ($c, string $line) { Worker::log("message {$c->id} " . json_encode($line)); $c->send(strtoupper($line)); };
$w->onClose = function ($c) { Worker::log("close {$c->id}"); };
Worker::runAll();
PHP);
var_dump(count($server->waitForChildren(2)));
$c = $server->connect();
var_dump(read_line($c));
fwrite($c, "abc\r\ndef\n");
var_dump(read_line($c), read_line($c));
fclose($c);
$server->waitForLog('close 1');
$messages = array_values(array_filter($server->logMessages(), fn($l) => preg_match('/^(connect|message|close)/', $l)));
print_r($messages);
var_dump($server->stop());
echo $server->output();
var_dump(file_exists($server->dir . '/server.pid'), $server->children());
?>
--EXPECTF--
int(2)
string(5) "hello"
string(3) "ABC"
string(3) "DEF"
Array
(
    [0] => connect 1
    [1] => message 1 "abc"
    [2] => message 1 "def"
    [3] => close 1
)
int(0)
Surge[server.php] start in DEBUG mode
%s SURGE %s
Surge/%s
%s WORKERS %s
proto%suser%sworker%slisten%scount%sstate%s
tcp%secho%stext://127.0.0.1:%d%s2%s[OK]%s
%s
Press Ctrl+C to stop. Start success.
connect 1
message 1 "abc"
message 1 "def"
close 1
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped
bool(false)
array(0) {
}
