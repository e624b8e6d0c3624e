--TEST--
GatewayWorker-style cluster over text://: a Register (text://) pushes the Gateway processes' inner addresses to the BusinessWorkers; a Gateway worker subclass (count 2, run() overridden, protected onWorkerStart) listens for them on an inner Worker created in onWorkerStart (GatewayProto://, a user protocol) and numbers its clients itself ($connection->id overwritten); BusinessWorkers (count 2) connect to every Gateway process with AsyncTcpConnection('GatewayProto://...') and run the chat: to one client by client id across gateway processes, groups, send to all
--FILE--
<?php
require __DIR__ . '/gateway_client.inc';
$server = TestServer::start("require '" . __DIR__ . "/gateway_server.inc';\ngateway_app('text://127.0.0.1:' . TEST_PORT);\n",
    ['start', '-q'], ['workerman' => true]);
gateway_scenario($server, fn(TestServer $s) => new GwTextClient($s));
var_dump($server->stop());
// Nothing went wrong in any process.
echo implode("\n", preg_grep('/error|warning|exception|unauthorized|unknown|no business worker|exit with status/i', $server->logMessages())), "\n";
?>
--EXPECT--
gateway processes with an inner port: 2
business workers seen by the gateways: BusinessWorker:0 BusinessWorker:0 BusinessWorker:1 BusinessWorker:1
client ids are 127.0.0.1 + the inner port of a gateway process + a connection id: true
connection ids of each gateway process count 1, 2, 3...: true
all client ids distinct: true
-- A to B by client id (A and B on different gateway processes)
B got: 'A says: hello B'
-- B back to A
A got: 'B says: hi A'
-- A and C join room1 (C on B's gateway process)
A got: 'joined room1'
C got: 'joined room1'
-- B sends to room1, which B is not in
A got: 'B to room1: for the room'
C got: 'B to room1: for the room'
-- C sends to all
A got: 'C to all: hello everyone'
B got: 'C to all: hello everyone'
C got: 'C to all: hello everyone'
-- C leaves; A sends to room1 and to C's old id
A got: 'A to room1: still here?'
A got: 'A to all: last'
B got: 'A to all: last'
int(0)

