--TEST--
Process: start --watch with a folder that does not exist fails before anything starts, saying which folder
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::spawn(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP, ['start', '--watch=' . sys_get_temp_dir() . '/surge-no-such-folder'], ['wait' => false]);
echo "exit ", $server->wait(10), "\n";
echo str_replace(sys_get_temp_dir(), 'TMP', $server->output());
var_dump(file_exists("$server->dir/server.pid"), $server->listening());
?>
--EXPECTF--
exit 255
%AFatal error: Uncaught RuntimeException: Surge[server.php] --watch: cannot watch TMP/surge-no-such-folder: No such file or directory; pass existing folders with --watch=dir,... in %s
%A
bool(false)
bool(false)
