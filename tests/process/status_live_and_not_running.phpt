--TEST--
Process: `status -d` refreshes every second until interrupted; `status` and `connections` with nothing running say "not run" and exit 1
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP);
$server->waitForChildren(1);
[$code, $text] = $server->command(['status', '-d'], 2.5);
echo "refreshes: ", substr_count($text, "Press Ctrl+C to quit.") >= 2 ? "2 or more" : substr_count($text, "Press Ctrl+C to quit."), "\n";
echo "clears the screen: ", var_export(str_contains($text, "\033[H\033[2J"), true), "\n";
echo "shows the process: ", var_export(str_contains($text, "[idle]"), true), "\n";
var_dump($server->stop());
foreach (['status', 'connections'] as $command) {
    [$code, $text] = $server->command([$command]);
    echo "$command: exit $code, ", trim(substr($text, strrpos(trim($text), "\n") ?: 0)), "\n";
}
?>
--EXPECT--
refreshes: 2 or more
clears the screen: true
shows the process: true
int(0)
status: exit 1, Surge[server.php] not run
connections: exit 1, Surge[server.php] not run
