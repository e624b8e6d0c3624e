--TEST--
Connection: stopAll() inside onMessage while more input arrives: every pipelined line is delivered exactly once and in order, answered, and only then the connection is closed
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $m) {
    Worker::log("message $m");
    if ($m === 'stop') {
        // Hold the callback until the client has sent more lines, so they are waiting in
        // the socket when the stop asks to drain the connection.
        for ($i = 0; $i < 5000 && !file_exists(TEST_DIR . '/more-sent'); $i++) {
            usleep(1000);
        }
        Worker::log('more-sent ' . (file_exists(TEST_DIR . '/more-sent') ? 'seen' : 'NOT SEEN'));
        Worker::stopAll();
        return;
    }
    $c->send("echo $m");
};
$w->onWorkerStart = function () { Worker::log('started ' . getmypid()); };
Worker::runAll();
PHP);
$server->waitForLog('started ');
$c = $server->connect();
// One write: both lines arrive in one read and are walked from the loop's spill area.
fwrite($c, "stop\nb\n");
$server->waitForLog('message stop');
fwrite($c, "c\nd\n");
touch($server->dir . '/more-sent');
var_dump(read_line($c), read_line($c), read_line($c), wait_closed($c));
$server->waitForLog('started ', 10, 2);  // the master replaced the stopped process
$messages = array_values(array_filter($server->logMessages(), fn($l) => str_starts_with($l, 'message ') || str_starts_with($l, 'more-sent')));
echo implode("\n", $messages), "\n";
var_dump($server->stop());
?>
--EXPECT--
string(6) "echo b"
string(6) "echo c"
string(6) "echo d"
bool(true)
message stop
more-sent seen
message b
message c
message d
int(0)
