--TEST--
WebSocket connections when the server stops: each open connection gets close 1001 ("going away") after what was already sent, then the server closes it; a connection still in its handshake just closes
--FILE--
<?php
require __DIR__ . '/ws_client.inc';
$server = ws_start(<<<'PHP'
$w = new Worker('websocket://127.0.0.1:' . TEST_PORT);
$w->onMessage = fn($c, $m) => $c->send($m);
PHP, '', RECV_PROGRESS);
$ws = WsClient::open($server);
$ws->send('before the stop');
echo ws_describe($ws->read()), "\n";
$pending = new WsClient($server->connect());
$server->waitForRead($pending->socket, 0);  // accepted: the server reports it
posix_kill($server->pid, SIGTERM);
echo "open connection:\n";
ws_until_closed($ws);
echo "connection in its handshake:\n";
ws_until_closed($pending);
var_dump($server->wait());
?>
--EXPECT--
text "before the stop"
open connection:
  close 1001 ""
  EOF
connection in its handshake:
  EOF
int(0)
