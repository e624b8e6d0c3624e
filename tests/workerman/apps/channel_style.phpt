--TEST--
Channel-style pub/sub between processes: a channel server (a frame:// worker keeping subscriptions, messages are serialize()d arrays typed subscribe/unsubscribe/publish/ping) and two workers of 2 processes each whose processes connect with AsyncTcpConnection('frame://...') through a static client (subscribe before the connection is up, re-subscribe in onConnect, reconnect(1) in onClose, a Timer::add() heartbeat given as the string 'MiniChannel\Client::ping'); an event published by one process reaches each subscribed process exactly once and no other; after the channel server's process is killed (the master starts another) every client reconnects, subscribes again and keeps receiving
--FILE--
<?php
require __DIR__ . '/../../helper.inc';
$server = TestServer::start("require '" . __DIR__ . "/channel_lib.inc';\n" . <<<'PHP'
use MiniChannel\Client;

new MiniChannel\Server('127.0.0.1', TEST_PORT2);
Client::$pingInterval = 0.1;

$start = function (array $channels) {
    return function (Worker $worker) use ($channels) {
        Client::$name = "{$worker->name} {$worker->id}";
        Client::connect('127.0.0.1', TEST_PORT2);
        foreach ($channels as $channel) {
            Client::on($channel, function ($data) use ($channel) {
                Worker::log(Client::$name . " got $channel: " . json_encode($data));
            });
        }
    };
};

// The publishers: a text:// front whose clients ask them to publish.
$pusher = new Worker('text://127.0.0.1:' . TEST_PORT);
$pusher->name = 'pusher';
$pusher->count = 2;
$pusher->onWorkerStart = $start(['news', 'pushers']);
$pusher->onMessage = function (TcpConnection $connection, string $message) {
    [$channel, $text] = explode(' ', $message, 2);
    Client::publish($channel, ['text' => $text, 'by' => Client::$name]);
    $connection->send("published $text");
};

$consumer = new Worker();
$consumer->name = 'consumer';
$consumer->count = 2;
$consumer->onWorkerStart = $start(['news']);

Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);

$server->waitForLog('channel server: news has 4 subscribers');
$server->waitForLog('channel server: pushers has 2 subscribers');
$c = $server->connect();

/** Publishes through a pusher process; returns which one did, once $expect processes got it. */
function publish($c, TestServer $server, string $channel, string $text, int $expect): string
{
    fwrite($c, "$channel $text\n");
    echo read_line($c), "\n";
    $log = $server->waitForLog(json_encode($text), 10, $expect);
    preg_match('/"by":"(\w+ \d)"/', $log, $m);
    return $m[1];
}

/** Who got $text, sorted, and whether it came from the process that published it. */
function receivers(TestServer $server, string $text): string
{
    $got = [];
    foreach ($server->logMessages() as $line) {
        if (preg_match('/^(\w+ \d) got (\w+): (.*)$/', $line, $m) && json_decode($m[3], true)['text'] === $text) {
            $got[] = "$m[1] ($m[2])";
        }
    }
    sort($got);
    return implode(', ', $got);
}

$by1 = publish($c, $server, 'news', 'hello-1', 4);
$by2 = publish($c, $server, 'pushers', 'for-pushers', 2);
$by3 = publish($c, $server, 'news', 'hello-2', 4);
// Each process reads the channel server in order: anything extra (a second copy, an event
// it did not subscribe to) would have come before hello-2.
foreach (['hello-1', 'for-pushers', 'hello-2'] as $text) {
    echo "$text: ", receivers($server, $text), "\n";
}
echo 'published by pusher processes: ', var_export(!array_diff([$by1, $by2, $by3], ['pusher 0', 'pusher 1']), true), "\n";
$log = $server->waitForLog('channel server: heartbeat from', 10, 4);
preg_match_all('/heartbeat from (\w+ \d)/', $log, $m);
$beats = array_unique($m[1]);
sort($beats);
echo 'heartbeats from: ', implode(', ', $beats), "\n";

echo "== the channel server's process is killed\n";
preg_match('/channel server pid (\d+)/', $server->log(), $m);
posix_kill((int)$m[1], SIGKILL);
$server->waitForLog('lost the channel server, reconnecting', 10, 4);
$server->waitForLog('channel server pid', 10, 2);
$server->waitForLog('connected to the channel server', 15, 8);
$server->waitForLog('channel server: news has 4 subscribers', 10, 2);
$server->waitForLog('channel server: pushers has 2 subscribers', 10, 2);
publish($c, $server, 'news', 'after-restart', 4);
publish($c, $server, 'pushers', 'pushers-after-restart', 2);
echo 'after-restart: ', receivers($server, 'after-restart'), "\n";
echo 'pushers-after-restart: ', receivers($server, 'pushers-after-restart'), "\n";
var_dump($server->stop());
echo implode("\n", preg_grep('/error|warning|exception|not a message/i', $server->logMessages())), "\n";
?>
--EXPECT--
published hello-1
published for-pushers
published hello-2
hello-1: consumer 0 (news), consumer 1 (news), pusher 0 (news), pusher 1 (news)
for-pushers: pusher 0 (pushers), pusher 1 (pushers)
hello-2: consumer 0 (news), consumer 1 (news), pusher 0 (news), pusher 1 (news)
published by pusher processes: true
heartbeats from: consumer 0, consumer 1, pusher 0, pusher 1
== the channel server's process is killed
published after-restart
published pushers-after-restart
after-restart: consumer 0 (news), consumer 1 (news), pusher 0 (news), pusher 1 (news)
pushers-after-restart: pusher 0 (pushers), pusher 1 (pushers)
int(0)
