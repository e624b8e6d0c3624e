--TEST--
GatewayWorker-style Register with its auth timeout: onConnect arms Timer::add(timeout, $callback, null, false) (null arguments, as GatewayWorker's Register passes them: Workerman's Timer::add() takes ?array $args), onMessage deletes it with Timer::del(); a connection that never says who it is is closed when the timer fires, one with a wrong secret at once, while the gateways and business workers (which did) keep their connections and the cluster works
--FILE--
<?php
require __DIR__ . '/gateway_client.inc';
$server = TestServer::start("require '" . __DIR__ . "/gateway_server.inc';\n" . <<<'PHP'
class AuthRegister extends Register
{
    public $authTimeout = 0.5;

    public function onConnect(TcpConnection $connection): void
    {
        parent::onConnect($connection);
        $connection->timeoutTimerId = Timer::add($this->authTimeout, function () use ($connection) {
            Worker::log('register: auth timeout, closing the connection');
            $connection->close();
        }, null, false);
    }

    public function onMessage(TcpConnection $connection, string $data): void
    {
        Timer::del($connection->timeoutTimerId);
        parent::onMessage($connection, $data);
    }
}
gateway_app('text://127.0.0.1:' . TEST_PORT, Gateway::class, null, AuthRegister::class);
PHP, ['start', '-q'], ['workerman' => true]);
$clients = gateway_clients($server, fn(TestServer $s) => new GwTextClient($s));
if ($clients) {
    [$a, $idA, $b, $idB] = $clients;
    $names = [$idA => 'A', $idB => 'B'];

    $silent = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
    $wrong = stream_socket_client("tcp://127.0.0.1:{$server->port2}", $errno, $errstr, 5);
    fwrite($wrong, json_encode(['event' => 'worker_connect', 'secret_key' => 'nope']) . "\n");
    echo 'wrong secret: closed ', var_export(wait_closed($wrong, 5), true), "\n";
    $start = microtime(true);
    echo 'silent: closed ', var_export(wait_closed($silent, 5), true), ', after the timeout: ',
        var_export(microtime(true) - $start > 0.2, true), "\n";
    // The cluster's own connections to the register outlived the timeout.
    $a->send("to $idB still wired");
    gateway_show('B', $b, $names);
    $log = $server->logMessages();
    echo 'register connections lost by gateways or business workers: ', count(preg_grep('/business worker .* connected/', $log)) - 4, "\n";
}
var_dump($server->stop());
echo implode("\n", preg_grep('/^register: (auth|wrong)|error|warning|exception|exit with status/i', $server->logMessages())), "\n";
?>
--EXPECT--
gateway processes with an inner port: 2
business workers seen by the gateways: BusinessWorker:0 BusinessWorker:0 BusinessWorker:1 BusinessWorker:1
client ids are 127.0.0.1 + the inner port of a gateway process + a connection id: true
connection ids of each gateway process count 1, 2, 3...: true
all client ids distinct: true
wrong secret: closed true
silent: closed true, after the timeout: true
B got: 'A says: still wired'
register connections lost by gateways or business workers: 0
int(0)
register: wrong secret key
register: auth timeout, closing the connection
