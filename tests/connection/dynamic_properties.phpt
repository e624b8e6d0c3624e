--TEST--
Connection: dynamic properties ($connection->uid) persist across messages and are per connection
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    if (str_starts_with($m, 'login ')) {
        $c->uid = (int)substr($m, 6);
        $c->history = [];
    }
    $c->history[] = $m;
    $c->send(($c->uid ?? 'anon') . ' ' . implode(',', $c->history ?? []));
};
$w->onClose = function ($c) { Worker::log("close uid {$c->uid} " . count($c->history)); };
Worker::runAll();
PHP);
$a = $server->connect();
$b = $server->connect();
fwrite($a, "login 5\n");
var_dump(read_line($a));
fwrite($b, "login 7\n");
var_dump(read_line($b));
fwrite($a, "x\n");
var_dump(read_line($a));
fwrite($a, "y\n");
var_dump(read_line($a));
fwrite($b, "z\n");
var_dump(read_line($b));
fclose($a);
$server->waitForLog('close uid');
echo $server->logMessages()[1], "\n";
var_dump($server->stop());
?>
--EXPECT--
string(9) "5 login 5"
string(9) "7 login 7"
string(11) "5 login 5,x"
string(13) "5 login 5,x,y"
string(11) "7 login 7,z"
close uid 5 3
int(0)
