--TEST--
Logs: Worker::$logFormat = 'json' writes one JSON object per line (time, level, pid, worker, message, context) from the master and the workers, in the file and on stdout
--FILE--
<?php
require __DIR__ . '/logs.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Log;
Worker::$logFormat = 'json';
Worker::log('from the master');
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->name = 'web';
$w->onWorkerStart = function () {
    Worker::log("  plain Worker::log  \n");
    Log::warning('disk almost full', ['free' => 42, 'path' => '/var/"x"', 'ok' => true]);
    Log::info('with a list', ['a', 'b']);
    Log::log('notice', 'by name', ['exception' => new RuntimeException('boom', 5), 'err' => new Error('bad')]);
    Log::debug('below the default level');
    Log::error(new class { public function __toString(): string { return 'stringable'; } });
};
$w->onMessage = function ($c, $r) {
    if ($r->path() === '/crash') {
        exit(3);
    }
    $c->send('ok');
};
Worker::runAll();
PHP);
$server->waitForLog('stringable');
$child = $server->children()[0];
echo status_of(http_exchange($server->port, "GET /crash HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) ?: 'closed', "\n";
$server->waitForLog('exit code 3');
// The replacement started: its own Worker::log line.
$server->waitForLog('plain Worker::log', 10, 2);
$lines = file_lines($server->dir . '/server.log');
$records = [];
foreach ($lines as $line) {
    $r = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    $timeOk = preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/', $r['time'])
        && DateTime::createFromFormat('Y-m-d\TH:i:s.vP', $r['time']) !== false;
    if (!$timeOk) echo "bad time: $line\n";
    $keys = array_keys($r);
    if (array_slice($keys, 0, 5) !== ['time', 'level', 'pid', 'worker', 'message']) echo "bad keys: $line\n";
    $records[] = $r;
}
function find(array $records, string $needle): array {
    foreach ($records as $r) if (str_contains($r['message'], $needle)) return $r;
    return ['missing' => $needle];
}
$m = find($records, 'from the master');
var_dump($m['level'], $m['pid'] === $server->pid, $m['worker'], isset($m['context']));
$p = find($records, 'plain Worker::log');
var_dump($p['message'], $p['level'], $p['worker'], $p['pid'] === $child);
$w = find($records, 'disk almost full');
var_dump($w['level'], $w['context']);
var_dump(find($records, 'with a list')['context']);
var_dump(find($records, 'by name')['level'], find($records, 'stringable')['level']);
$ctx = find($records, 'by name')['context'];
var_dump(array_keys($ctx['exception']), $ctx['exception']['class'], $ctx['exception']['message'], $ctx['exception']['code'], $ctx['err']['class'], $ctx['err']['message'], $ctx['err']['line'] > 0);
var_dump(find($records, 'below the default'));
$crash = find($records, 'exit code 3');
var_dump($crash['level'], $crash['worker'], $crash['pid'] === $server->pid);
var_dump(find($records, 'start in DEBUG mode')['level']);
// stdout gets the same JSON lines.
$out = array_filter(explode("\n", $server->output()), fn($l) => str_starts_with($l, '{"time"'));
var_dump(count($out) >= count($records) - 1, json_decode(reset($out), true)['message']);
var_dump($server->stop());
?>
--EXPECT--
closed
string(4) "info"
bool(true)
NULL
bool(false)
string(17) "plain Worker::log"
string(4) "info"
string(3) "web"
bool(true)
string(7) "warning"
array(3) {
  ["free"]=>
  int(42)
  ["path"]=>
  string(8) "/var/"x""
  ["ok"]=>
  bool(true)
}
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
string(6) "notice"
string(5) "error"
array(5) {
  [0]=>
  string(5) "class"
  [1]=>
  string(7) "message"
  [2]=>
  string(4) "code"
  [3]=>
  string(4) "file"
  [4]=>
  string(4) "line"
}
string(16) "RuntimeException"
string(4) "boom"
int(5)
string(5) "Error"
string(3) "bad"
bool(true)
array(1) {
  ["missing"]=>
  string(17) "below the default"
}
string(7) "warning"
NULL
bool(true)
string(4) "info"
bool(true)
string(15) "from the master"
int(0)
