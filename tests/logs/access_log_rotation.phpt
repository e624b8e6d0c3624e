--TEST--
Logs: after logrotate moves the access log, `reload` makes every worker write a new file: reloadable workers are replaced, a non-reloadable one reopens it on the signal; both share one file (O_APPEND, whole lines), in JSON
--FILE--
<?php
require __DIR__ . '/logs.inc';
$server = TestServer::start(<<<'PHP'
$a = new Worker('http://127.0.0.1:' . TEST_PORT);
$a->name = 'reloadable';
$a->accessLog = TEST_DIR . '/access.log';
$a->accessLogFormat = 'json';
$a->onMessage = fn($c, $r) => $c->send('a');
$b = new Worker('http://127.0.0.1:' . TEST_PORT2);
$b->name = 'kept';
$b->reloadable = false;
$b->accessLog = TEST_DIR . '/access.log';
$b->accessLogFormat = 'json';
$b->onMessage = fn($c, $r) => $c->send('b');
$b->onWorkerReload = fn() => Worker::log('kept worker got the reload');
Worker::runAll();
PHP);
wait_for(fn() => @fsockopen('127.0.0.1', $server->port2), 'the second port');
$log = $server->dir . '/access.log';
$get = fn(int $port, string $path) => strtok(http_exchange($port, "GET $path HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"), "\r");
echo $get($server->port, '/before-a'), "\n", $get($server->port2, '/before-b'), "\n";
// Flushed within a second of the first buffered line, without a stop.
wait_lines($log, 2);
$before = $server->children();
rename($log, "$log.1");  // what logrotate does
[$code] = $server->command(['reload']);
echo "reload exit $code\n";
$server->waitForLog('kept worker got the reload');
// The reloadable worker's process is replaced: wait until the old one is gone.
wait_for(fn() => count(array_diff($before, $server->children())) === 1 && count($server->children()) === 2, 'the replacement');
echo $get($server->port, '/after-a'), "\n", $get($server->port2, '/after-b'), "\n";
$paths = fn(array $lines) => array_map(fn($l) => json_decode($l, true, 512, JSON_THROW_ON_ERROR)['path'], $lines);
$new = $paths(wait_lines($log, 2));
sort($new);
$old = $paths(file_lines("$log.1"));
sort($old);
echo "new file: ", implode(' ', $new), "\n";
echo "rotated file: ", implode(' ', $old), "\n";
$r = json_decode(file_lines($log)[0], true);
echo implode(',', array_keys($r)), "\n";
var_dump($r['status'], $r['method'], $r['protocol'], is_float($r['duration']) && $r['duration'] >= 0);
var_dump($server->stop());
?>
--EXPECT--
HTTP/1.1 200 OK
HTTP/1.1 200 OK
reload exit 0
HTTP/1.1 200 OK
HTTP/1.1 200 OK
new file: /after-a /after-b
rotated file: /before-a /before-b
time,remote_addr,request,method,path,protocol,status,body_bytes_sent,duration
int(200)
string(3) "GET"
string(8) "HTTP/1.1"
bool(true)
int(0)
