--TEST--
HTTP Connection: close: an answered exchange with nothing unread closes at once (onClose before the client closes its end, no lingering); bytes sent after the request are read, not reset
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// A linger far longer than the test: only a close that does not wait for the client's FIN
// lets onClose run while the client still holds its end open.
TcpConnection::$defaultLingerTimeout = 60.0;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onMessage = function ($c, $r) { $c->send('bye ' . $r->path()); };
$w->onClose = function ($c) { Worker::log('closed ' . $c->id); };
Worker::runAll();
PHP);

$request = fn(string $path, string $extra = '') =>
    "GET $path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n$extra";

// 1. A plain Connection: close exchange: the answer, then EOF, then onClose, while the
//    client has not closed (nor half-closed) its end.
$c = $server->connect();
fwrite($c, $request('/one'));
$answer = '';
while (!feof($c)) { $answer .= fread($c, 65536); }
echo substr($answer, 0, 15), ' ... ', substr($answer, -8), "\n";
$server->waitForLog('closed 1', 10);
echo "onClose ran while the client still held its end\n";
fclose($c);

// 2. Bytes after the request in the same write are read (and dropped): the answer
//    arrives whole and the connection ends with FIN, not a reset.
$c = $server->connect();
fwrite($c, $request('/two', "GET /ignored HTTP/1.1\r\nHost: x\r\n\r\n"));
$answer = '';
while (!feof($c)) {
    $chunk = fread($c, 65536);
    if ($chunk === false) { echo "read failed (reset?)\n"; break; }
    $answer .= $chunk;
}
echo substr($answer, 0, 15), ' ... ', substr($answer, -8), "\n";
$server->waitForLog('closed 2', 10);
fclose($c);

var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK ... bye /one
onClose ran while the client still held its end
HTTP/1.1 200 OK ... bye /two
int(0)
