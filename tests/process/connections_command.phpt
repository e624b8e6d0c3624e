--TEST--
Process: `connections` lists every open connection of every worker process (pid, worker, id, transport, protocol, addresses, byte counts, status)
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('frame://127.0.0.1:' . TEST_PORT);
$w->name = 'framer';
$w->count = 2;
$w->onMessage = fn($c, $m) => $c->send($m);
Worker::runAll();
PHP);
$server->waitForChildren(2);
$clients = [];
foreach (['one', 'three'] as $payload) {
    $c = $server->connect();
    fwrite($c, frame($payload));
    read_bytes($c, 4 + strlen($payload));
    $clients[] = $c;
}
[$code, $text] = $server->command(['connections']);
echo "exit $code\n";
$lines = explode("\n", trim($text));
echo $lines[0], "\n", preg_replace('/-+ SURGE CONNECTION STATUS -+/', 'BAR', $lines[1]), "\n", preg_replace('/\s+/', ' ', $lines[2]), "\n";
$rows = array_slice($lines, 3);
echo count($rows), " rows\n";
$ports = array_map(fn($c) => explode(':', stream_socket_get_name($c, false))[1], $clients);
foreach ($rows as $row) {
    $f = preg_split('/\s+/', trim($row));
    $port = explode(':', $f[13])[1];
    $sent = array_search($port, $ports, true) === 0 ? 7 : 9;
    printf("%s %s %s %s ipv4=%s ipv6=%s R=%s W=%s %s local=%s peer-is-client=%s\n",
        in_array((int)$f[0], $server->children(), true) ? 'child' : 'other', $f[1], $f[3], $f[4], $f[5], $f[6],
        $f[9] === "{$sent}B" ? 'ok' : $f[9], $f[10] === "{$sent}B" ? 'ok' : $f[10], $f[11], $f[12] === "127.0.0.1:{$server->port}" ? 'ok' : $f[12],
        var_export(in_array($port, $ports, true), true));
}
var_dump($server->stop());
?>
--EXPECTF--
exit 0
Surge[server.php] connections
BAR
PID Worker CID Trans Protocol ipv4 ipv6 Recv-Q Send-Q Bytes-R Bytes-W Status Local Address Foreign Address
2 rows
child framer tcp Frame ipv4=1 ipv6=0 R=ok W=ok ESTABLISHED local=ok peer-is-client=true
child framer tcp Frame ipv4=1 ipv6=0 R=ok W=ok ESTABLISHED local=ok peer-is-client=true
int(0)
