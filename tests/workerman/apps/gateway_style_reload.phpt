--TEST--
GatewayWorker-style reload: the Register and the Gateway are not reloadable, the BusinessWorker is and, as GatewayWorker's, its protected onWorkerReload sets $worker->reloadable = false and calls Worker::stopAll from Timer::add(0.05, ['Workerman\Worker', 'stopAll']); after a reload (SIGUSR1 to the master) both business processes are new, each replacement (same name:id) registers with both gateways without a name conflict, the gateways and the register kept their processes and the clients their connections, and the chat goes on
--FILE--
<?php
require __DIR__ . '/gateway_client.inc';
$server = TestServer::start("require '" . __DIR__ . "/gateway_server.inc';\ngateway_app('text://127.0.0.1:' . TEST_PORT);\n",
    ['start', '-q'], ['workerman' => true]);
$clients = gateway_clients($server, fn(TestServer $s) => new GwTextClient($s));
[$a, $idA, $b, $idB, $cc, $idC] = $clients;
$names = [$idA => 'A', $idB => 'B', $idC => 'C'];
$a->send("to $idB before the reload");
gateway_show('B', $b, $names);

$pids = function (string $pattern) use ($server): array {
    preg_match_all("/pid:(\\d+) $pattern/", $server->log(), $m);
    return array_values(array_unique(array_map('intval', $m[1])));
};
$gateways = $pids('gateway \d listens');
$register = $pids('register: ');
$oldBusiness = $pids('business \d pid \d+ started');
echo 'before: ', count($gateways), ' gateway, ', count($register), ' register, ', count($oldBusiness), " business processes\n";

echo "== reload\n";
posix_kill($server->pid, SIGUSR1);
$server->waitForLog(' started', 15, 4);
wait_for(fn() => !array_filter($oldBusiness, fn($p) => file_exists("/proc/$p")), 'the old business processes to exit', 15);
// Each new business process connected to both gateways (4 links before, 4 now).
$server->waitForLog(': business worker BusinessWorker:', 15, 8);
$newBusiness = array_values(array_diff($pids('business \d pid \d+ started'), $oldBusiness));
echo 'new business processes: ', count($newBusiness), "\n";
echo 'gateway and register processes kept: ', var_export(!array_filter([...$gateways, ...$register], fn($p) => !file_exists("/proc/$p")), true), "\n";

echo "-- A to B, B to A, C to all (the same client connections)\n";
$a->send("to $idB after the reload");
gateway_show('B', $b, $names);
$b->send("to $idA back");
gateway_show('A', $a, $names);
$cc->send('all still here');
gateway_show('A', $a, $names);
gateway_show('B', $b, $names);
gateway_show('C', $cc, $names);
$log = $server->logMessages();
var_dump($server->stop());
$business = preg_replace('/pid \d+/', 'pid <pid>', preg_grep('/^business /', $log));
sort($business);
echo implode("\n", $business), "\n";
echo implode("\n", preg_grep('/conflict|error|warning|exception|unauthorized|unknown|no business worker|exit with status/i', $log)), "\n";
?>
--EXPECT--
gateway processes with an inner port: 2
business workers seen by the gateways: BusinessWorker:0 BusinessWorker:0 BusinessWorker:1 BusinessWorker:1
client ids are 127.0.0.1 + the inner port of a gateway process + a connection id: true
connection ids of each gateway process count 1, 2, 3...: true
all client ids distinct: true
B got: 'A says: before the reload'
before: 2 gateway, 1 register, 2 business processes
== reload
new business processes: 2
gateway and register processes kept: true
-- A to B, B to A, C to all (the same client connections)
B got: 'A says: after the reload'
A got: 'B says: back'
A got: 'C to all: still here'
B got: 'C to all: still here'
C got: 'C to all: still here'
int(0)
business 0 pid <pid> reloading
business 0 pid <pid> started
business 0 pid <pid> started
business 0 pid <pid> stopping
business 1 pid <pid> reloading
business 1 pid <pid> started
business 1 pid <pid> started
business 1 pid <pid> stopping

