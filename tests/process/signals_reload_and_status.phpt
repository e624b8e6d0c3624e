--TEST--
Process: SIGUSR1 reloads and SIGUSR2 reloads gracefully when sent to the master directly; SIGIOT and SIGIO (Workerman's status and connections requests) kill neither the master nor a worker
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->name = 'sig';
$w->onMessage = fn($c, $m) => $c->send(getmypid() . '');
Worker::runAll();
PHP);
$pid = $server->waitForChildren(1)[0];
foreach ([SIGIOT => 'SIGIOT', SIGIO => 'SIGIO'] as $signal => $name) {
    posix_kill($server->pid, $signal);
    posix_kill($pid, $signal);
}
// The master ignores both (the kernel drops an ignored signal when it is sent); the worker
// answers SIGIO (sent last, handled after SIGIOT) with a list of its connections.
wait_for(fn() => file_exists("{$server->dir}/surge.server.php.status.connections.$pid"), "the worker's answer to SIGIO");
echo "master and worker alive: ", var_export($server->isRunning() && $server->children() === [$pid], true), "\n";
foreach ([SIGUSR1 => 'reloading', SIGUSR2 => 'gracefully reloading'] as $signal => $words) {
    $before = $server->children()[0];
    posix_kill($server->pid, $signal);
    $server->waitForLog("Surge[server.php] $words");
    $deadline = microtime(true) + 10;
    while (in_array($before, $server->children(), true) && microtime(true) < $deadline) usleep(20000);
    $c = $server->connect();
    fwrite($c, "who\n");
    $now = (int)read_line($c);
    echo "$words: new process serves: ", var_export($now !== $before && $server->children() === [$now], true), "\n";
    fclose($c);
}
echo "reloads completed: ", substr_count($server->log(), 'reload done'), "\n";
var_dump($server->stop());
?>
--EXPECT--
master and worker alive: true
reloading: new process serves: true
gracefully reloading: new process serves: true
reloads completed: 2
int(0)
