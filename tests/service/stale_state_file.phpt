--TEST--
Service: a services state file left by a killed master is removed by the next start without services, so `status` shows no stale services
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
if (($argv[1] ?? '') === 'start') {
    file_put_contents(TEST_DIR . '/surge.server.php.status.services', "surge-services 1\nghost\t1\trunning\t0\t0\t0\t0\n");
}
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP);
[$code, $json] = $server->command(['status', '--json']);
echo "services: ", json_encode(json_decode($json, true)['services']), "\n";
[$code, $text] = $server->command(['status']);
echo "table: ", var_export(str_contains($text, 'SERVICES'), true), "\n";
var_dump($server->stop());
?>
--EXPECT--
services: []
table: false
int(0)
