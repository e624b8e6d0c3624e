<?php
// A chat that spans processes and machines: start it twice, on two ports, sharing one
// Redis, and users on either one talk to each other.
//
//   redis-server --port 6379 &
//   NODE=a PORT=7001 php examples/cluster_chat.php start
//   NODE=b PORT=7002 php examples/cluster_chat.php start
//   nc 127.0.0.1 7001        # then: /nick alice   /join lobby
//   nc 127.0.0.1 7002        # then: /nick bob     /join lobby   /to alice hi   /room lobby hello
//
// Each node also takes WebSocket clients on PORT + 100. A line without a command goes to
// everyone on every node.
use Surge\Worker;
use Surge\Connection\TcpConnection;

$node = getenv('NODE') ?: 'a';
$port = (int)(getenv('PORT') ?: 7001);
Worker::$cluster = ['redis' => getenv('REDIS') ?: 'tcp://127.0.0.1:6379', 'node' => $node];
// Two servers from one start file: each needs files of its own.
Worker::$pidFile = __DIR__ . "/cluster_chat.$node.pid";
Worker::$statusFile = __DIR__ . "/cluster_chat.$node.status";
Worker::$logFile = __DIR__ . "/cluster_chat.$node.log";

$chat = function (TcpConnection $c, string $line) use ($node) {
    $name = $c->getUid() ?? $c->getClientId();
    [$cmd, $arg, $text] = explode(' ', $line, 3) + ['', '', ''];
    switch ($cmd) {
        case '/nick':
            $c->bindUid($arg);
            $c->send("you are $arg on node $node");
            break;
        case '/join':
            $c->joinGroup($arg);
            Worker::getClientCountByGroup($arg, fn($n) => $c->send("joined $arg ($n online)"));
            break;
        case '/to':
            Worker::isUidOnline($arg, function ($online) use ($c, $arg, $text, $name) {
                $online ? Worker::sendToUid($arg, "[$name] $text") : $c->send("$arg is not online");
            });
            break;
        case '/room':
            Worker::sendToGroup($arg, "[$name@$arg] $text", [$c->getClientId()]);
            break;
        default:
            Worker::sendToAll("[$name] $line", [$c->getClientId()]);
    }
};

$text = new Worker("text://0.0.0.0:$port");
$text->name = "chat-$node";
$text->count = 2;
$text->onConnect = fn($c) => $c->send('welcome: /nick NAME, /join ROOM, /to NAME TEXT, /room ROOM TEXT, or TEXT for everyone');
$text->onMessage = $chat;

$ws = new Worker('websocket://0.0.0.0:' . ($port + 100));
$ws->name = "chat-ws-$node";
$ws->onMessage = $chat;

Worker::runAll();
