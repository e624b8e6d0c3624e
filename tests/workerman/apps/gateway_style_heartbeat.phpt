--TEST--
GatewayWorker-style heartbeat: a Gateway subclass declares the public properties GatewayWorker's Gateway declares (untyped $pingInterval = 0, $pingNotResponseLimit = 0, $pingData = '', as a Worker subclass may: Workerman's Worker has no such properties) and runs the heartbeat itself from a Timer: every pingInterval each client gets pingData, and one that has not sent anything for pingNotResponseLimit intervals is closed; a client that answers stays; nothing else pings or closes the clients
--FILE--
<?php
require __DIR__ . '/gateway_client.inc';
$server = TestServer::start("require '" . __DIR__ . "/gateway_server.inc';\n" . <<<'PHP'
class HeartbeatGateway extends Gateway
{
    // GatewayWorker's Gateway declares exactly these (untyped, PHP >= 7.2 compatible).
    public $pingInterval = 0;
    public $pingNotResponseLimit = 0;
    public $pingData = '';

    protected function onWorkerStart(Worker $worker): void
    {
        parent::onWorkerStart($worker);
        if ($this->pingInterval > 0) {
            Timer::add($this->pingInterval, [$this, 'ping']);
        }
    }

    public function onClientConnect(TcpConnection $connection): void
    {
        parent::onClientConnect($connection);
        $connection->pingNotResponseCount = 0;
    }

    public function onClientMessage(TcpConnection $connection, $data): void
    {
        $connection->pingNotResponseCount = 0;
        parent::onClientMessage($connection, $data);
    }

    public function ping(): void
    {
        foreach ($this->clientConnections as $connection) {
            if ($this->pingNotResponseLimit > 0 && $connection->pingNotResponseCount >= $this->pingNotResponseLimit) {
                Worker::log("gateway {$this->id}: client {$connection->id} did not answer {$this->pingNotResponseLimit} pings");
                $connection->close();
                continue;
            }
            $connection->pingNotResponseCount++;
            if ($this->pingData !== '') {
                $connection->send($this->pingData);
            }
        }
    }
}
gateway_app('text://127.0.0.1:' . TEST_PORT, HeartbeatGateway::class, function (Gateway $gateway) {
    Worker::log('properties: ' . json_encode([$gateway->pingInterval, $gateway->pingNotResponseLimit, $gateway->pingData]));
    $gateway->pingInterval = 0.2;
    $gateway->pingNotResponseLimit = 3;
    $gateway->pingData = '{"type":"ping"}';
});
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog(': business worker BusinessWorker:', 15, 4);

/** The lines the client gets until EOF (or until $stopAfter lines, answering each with $answer). */
function heartbeat_client(TestServer $server, ?string $answer, int $stopAfter = PHP_INT_MAX): array
{
    $s = $server->connect();
    $lines = [];
    while (count($lines) < $stopAfter && ($line = fgets($s)) !== false) {
        $lines[] = preg_replace('/[0-9a-f]{20}/', '<id>', rtrim($line, "\n"));
        if ($answer !== null && $line === "{\"type\":\"ping\"}\n") {
            fwrite($s, "$answer\n");
        }
    }
    $end = feof($s) ? 'closed by the gateway' : (stream_get_meta_data($s)['timed_out'] ? 'timed out' : 'still open');
    fclose($s);
    // The welcome comes from a BusinessWorker through the gateway, the pings from the
    // gateway's own timer: either may arrive first. Welcome first, then the pings.
    $lines = array_merge(preg_grep('/^welcome /', $lines), preg_grep('/^welcome /', $lines, PREG_GREP_INVERT));
    return [$lines, $end];
}

echo "silent client:\n";
[$lines, $end] = heartbeat_client($server, null);
echo implode("\n", $lines), "\n$end\n";
echo "answering client, after 6 pings:\n";
[$lines, $end] = heartbeat_client($server, 'pong', 7);
echo implode("\n", $lines), "\n$end\n";
var_dump($server->stop());
echo implode("\n", preg_grep('/properties|did not answer|error|warning|exception/i', $server->logMessages())), "\n";
?>
--EXPECTF--
silent client:
welcome <id>
{"type":"ping"}
{"type":"ping"}
{"type":"ping"}
closed by the gateway
answering client, after 6 pings:
welcome <id>
{"type":"ping"}
{"type":"ping"}
{"type":"ping"}
{"type":"ping"}
{"type":"ping"}
{"type":"ping"}
still open
int(0)
properties: [0,0,""]
gateway %d: client 1 did not answer 3 pings
