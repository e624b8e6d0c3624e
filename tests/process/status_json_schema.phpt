--TEST--
Process: status --json follows docs/status.schema.json (schema_version 1), running or not, and a schema that no longer matches the output fails here
--SKIPIF--
<?php
exec('/usr/bin/python3 -c "import jsonschema" 2>&1', $out, $code);
if ($code !== 0) die('skip /usr/bin/python3 with jsonschema is needed (scripts/install-deps.sh installs python3-jsonschema)');
?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
function validate(string $json): string
{
    $p = proc_open(['/usr/bin/python3', __DIR__ . '/fixtures/validate_schema.py', __DIR__ . '/../../docs/status.schema.json'],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], $json);
    fclose($pipes[0]);
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($p);
    return trim($out);
}
$server = TestServer::start(<<<'PHP'
$http = new Worker('http://127.0.0.1:' . TEST_PORT);
$http->name = 'web';
$http->count = 2;
$http->onMessage = fn($c, $r) => $c->send('ok');
$tick = new Worker();
$tick->name = 'ticker';
$tick->onWorkerStart = fn() => Timer::add(10, fn() => null);
new Surge\Service('once', ['command' => ['/bin/sh', '-c', 'exit 3'], 'restart' => 'never']);
new Surge\Service('sleeper', ['command' => ['/bin/sleep', '600']]);
Worker::runAll();
PHP);
// One exit, so that "exits" is not empty.
$first = wait_for(function () use ($server) {
    [, $json] = $server->command(['status', '--json']);
    return json_decode($json, true)['processes'][0]['pid'] ?? null;
}, 'a worker process in status --json');
posix_kill($first, SIGKILL);
$data = wait_for(function () use ($server, $first) {
    [, $json] = $server->command(['status', '--json']);
    $data = json_decode($json, true);
    return ($data['workers'][0]['exits'] ?? []) !== [] && !in_array($first, array_column($data['processes'], 'pid')) && count($data['processes'] ?? []) === 3
        && ($data['services'][0]['state'] ?? '') === 'stopped' && ($data['services'][1]['state'] ?? '') === 'running'
        ? [$json, $data] : null;
}, 'the exits in status --json');
[$json, $data] = $data;
echo "running: schema_version {$data['schema_version']}, ", validate($json), "\n";
echo "service once: ", json_encode($data['services'][0]['last_exit']), "\n";

// A document the schema must refuse: a field renamed and one of the wrong type.
$broken = $data;
$broken['processes'][0]['total_requests'] = $broken['processes'][0]['total_request'];
unset($broken['processes'][0]['total_request']);
$broken['processes'][1]['connections'] = '3';
echo "broken:\n", validate(json_encode($broken)), "\n";

[$code] = $server->command(['stop']);
echo "stop exit $code\n";
[$code, $json] = $server->command(['status', '--json']);
echo "not running: exit $code, ", trim($json), ", ", validate($json), "\n";
?>
--EXPECT--
running: schema_version 1, valid
service once: {"code":3,"signal":null,"text":"exited with code 3"}
broken:
processes/0: 'total_request' is a required property
processes/0: Additional properties are not allowed ('total_requests' was unexpected)
processes/1/connections: '3' is not of type 'integer'
stop exit 0
not running: exit 1, {"schema_version":1,"error":"Surge[server.php] not run"}, valid
