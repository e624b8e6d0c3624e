--TEST--
Service: started with the workers, its output logged line by line with its name, env and cwd reach it, a crash (exit 1) is restarted with back-off, on-failure leaves a clean exit alone; status and status --json show them; none is declared after runAll()
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = fn($c, $m) => $c->send("echo $m");
$w->onWorkerStart = function () {
    try {
        new Surge\Service('late', ['command' => ['/bin/true']]);
    } catch (Throwable $e) {
        Worker::log(get_class($e) . ': ' . $e->getMessage());
    }
};
@mkdir(TEST_DIR . '/work');
new Surge\Service('crashy', [
    'command' => ['/bin/sh', '-c', 'echo "hello $GREETING from $(pwd)"; echo "to stderr" >&2; printf "no newline"; exit 1'],
    'env' => ['GREETING' => 'world'],
    'cwd' => TEST_DIR . '/work',
    'backoff' => ['initial' => 0.05, 'max' => 0.1],
]);
new Surge\Service('once', ['command' => ['/bin/sh', '-c', 'echo done'], 'restart' => 'on-failure']);
new Surge\Service('steady', ['command' => [PHP_BINARY, '-n', '-r', 'echo "php service up\n"; sleep(60);']]);
Worker::runAll();
PHP);
// Events, not time: the third start of the crashing service, the others' output.
$server->waitForLog('] started: /bin/sh -c echo "hello $GREETING', 10, 3);
$log = $server->waitForLog('php service up');
$log = $server->waitForLog('exited with code 0; not restarted (restart: on-failure)');
$c = $server->connect();
fwrite($c, "ping\n");
echo "worker: ", read_line($c), "\n";

$messages = $server->logMessages();
$crashy = array_values(array_filter($messages, fn($m) => str_starts_with($m, 'service[crashy:')));
$first = preg_replace('/^service\[crashy:\d+\] /', 'service[crashy:PID] ', array_slice($crashy, 0, 6));
echo implode("\n", str_replace($server->dir, 'TEST_DIR', $first)), "\n";
echo "once:\n", implode("\n", preg_replace('/:\d+\]/', ':PID]', array_values(array_filter($messages, fn($m) => str_starts_with($m, 'service[once'))))), "\n";
echo implode("\n", array_filter($messages, fn($m) => str_contains($m, 'late'))), "\n";

// status --json: the crashing service was started again, the clean one was not.
$data = wait_for(function () use ($server) {
    [$code, $json] = $server->command(['status', '--json']);
    $data = json_decode($json, true);
    $crashy = array_column($data['services'] ?? [], null, 'name')['crashy'] ?? null;
    return $crashy && $crashy['restarts'] >= 2 ? $data : null;
}, 'a status with two restarts');
$services = array_column($data['services'], null, 'name');
echo "services: ", implode(',', array_keys($services)), "\n";
echo "crashy: state ", in_array($services['crashy']['state'], ['running', 'backoff'], true) ? 'running or backoff' : $services['crashy']['state'],
    ", last exit ", json_encode($services['crashy']['last_exit']), ", started is a time: ", var_export(is_int($services['crashy']['started']), true), "\n";
echo "once: ", json_encode(array_diff_key($services['once'], ['started' => 1])), "\n";
$steady = $services['steady'];
echo "steady: ", $steady['state'], " restarts ", $steady['restarts'], ", pid alive: ", var_export(file_exists("/proc/{$steady['pid']}"), true), "\n";
[$code, $text] = $server->command(['status']);
echo preg_replace(['/^(\S+)\s+(\d+|-)\s+(\S+)\s+(\d+)\s+.*$/m'], ['$1 $3'], substr($text, strpos($text, '-SERVICES-') - 50));

$stateFile = $server->dir . '/surge.server.php.status.services';
echo "state file while running: ", var_export(file_exists($stateFile), true), "\n";
var_dump($server->stop());
echo "state file after stop: ", var_export(file_exists($stateFile), true), "\n";
echo "steady gone: ", var_export(!file_exists("/proc/{$steady['pid']}"), true), "\n";
echo "stopped with SIGTERM: ", var_export(str_contains($server->log(), "service[steady:{$steady['pid']}] killed by SIGTERM"), true), "\n";
?>
--EXPECTF--
worker: echo ping
service[crashy:PID] started: /bin/sh -c echo "hello $GREETING from $(pwd)"; echo "to stderr" >&2; printf "no newline"; exit 1
service[crashy:PID] hello world from TEST_DIR/work
service[crashy:PID] to stderr
service[crashy:PID] no newline
service[crashy:PID] exited with code 1; restarting in 0.05 s
service[crashy:PID] started: /bin/sh -c echo "hello $GREETING from $(pwd)"; echo "to stderr" >&2; printf "no newline"; exit 1
once:
service[once:PID] started: /bin/sh -c echo done
service[once:PID] done
service[once:PID] exited with code 0; not restarted (restart: on-failure)
RuntimeException: Surge\Service 'late': services are declared in the start file before Worker::runAll(), not after it
services: crashy,once,steady
crashy: state running or backoff, last exit {"code":1,"signal":null,"text":"exited with code 1"}, started is a time: true
once: {"name":"once","pid":null,"state":"stopped","restarts":0,"last_exit":{"code":0,"signal":null,"text":"exited with code 0"}}
steady: running restarts 0, pid alive: true
---------------------------------------------------SERVICES--------------------------------------------------------------
name        pid      state     restarts  started              last exit
crashy %s
once stopped
steady running
state file while running: true
int(0)
state file after stop: false
steady gone: true
stopped with SIGTERM: true
