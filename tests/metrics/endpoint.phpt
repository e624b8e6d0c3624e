--TEST--
Metrics: the master serves /metrics from the status board: requests, bytes, connections, durations and exits per worker and process, valid for promtool
--SKIPIF--
<?php if (!is_executable('/usr/bin/promtool')) die('skip promtool (Debian package prometheus) is not installed');
--FILE--
<?php
require __DIR__ . '/../helper.inc';
require __DIR__ . '/metrics.inc';
$mport = TestServer::freePort();
$server = TestServer::start(str_replace('METRICS_PORT', (string)$mport, <<<'PHP'
Worker::$metricsListen = 'http://127.0.0.1:METRICS_PORT';
$web = new Worker('http://127.0.0.1:' . TEST_PORT);
$web->name = 'web';
$web->count = 2;
$web->onMessage = function ($c, $r) {
    if ($r->path() === '/boom') {
        throw new RuntimeException('boom');
    }
    $c->send('hello ' . $r->path());
};
$chat = new Worker('text://127.0.0.1:' . TEST_PORT2);
$chat->name = 'chat';
$chat->onMessage = fn($c, $m) => $c->send("echo $m");
Worker::runAll();
PHP));
$server->waitForChildren(3);

// Five requests on one keep-alive connection: one process of 'web' handles them all.
$request = "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
$c = $server->connect();
$answers = '';
for ($i = 0; $i < 5; $i++) {
    fwrite($c, $request);
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n")) {
        $head .= fread($c, 1);
    }
    preg_match('/Content-Length: (\d+)/i', $head, $m);
    $answers .= $head . read_bytes($c, (int)$m[1]);
}
fclose($c);
echo substr($answers, -8), "\n";
// A text client that stays connected.
$t = stream_socket_client('tcp://127.0.0.1:' . $server->port2);
fwrite($t, "hi\n");
echo read_line($t), "\n";

$body = wait_metric($mport, 'surge_process_connections', ['worker="chat"'], 1);
$body = wait_metric($mport, 'surge_process_connections', ['worker="web"'], 0);
var_dump(metric_sum($body, 'surge_process_requests_total', ['worker="web"']));
var_dump(metric_sum($body, 'surge_process_requests_total', ['worker="chat"']));
var_dump(metric_sum($body, 'surge_process_received_bytes_total', ['worker="web"']) === (float)(5 * strlen($request)));
var_dump(metric_sum($body, 'surge_process_sent_bytes_total', ['worker="web"']) === (float)strlen($answers));
var_dump(metric_sum($body, 'surge_process_received_bytes_total', ['worker="chat"']));
var_dump(metric_sum($body, 'surge_process_sent_bytes_total', ['worker="chat"']));
// Neither got a response from the application: durations count only those.
var_dump(metric_sum($body, 'surge_http_request_duration_seconds_count', ['worker="web"']));
var_dump(metric_sum($body, 'surge_http_request_duration_seconds_bucket', ['worker="web"', 'le="+Inf"']));
var_dump(metric_sum($body, 'surge_http_request_duration_seconds_count', ['worker="chat"']));
var_dump(metric_sum($body, 'surge_worker_processes', ['worker="web"']));
var_dump(metric_sum($body, 'surge_process_exceptions_total'));
// One sample per process (2 web, 1 chat), each with its pid.
var_dump(preg_match_all('/^surge_process_start_time_seconds\{worker="(web|chat)",pid="\d+",slot="\d"\} \d+$/m', $body));
var_dump(metric_sum($body, 'surge_process_resident_memory_bytes', ['worker="chat"']) > 0);

// promtool accepts the body as it is (exit 0, nothing printed).
echo promtool_check($body), "\n";

// An exception thrown by a callback and a malformed request are counted.
echo strtok(http_exchange($server->port, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n"), "\r\n"), "\n";
wait_metric($mport, 'surge_process_exceptions_total', ['worker="web"'], 1);
echo strtok(http_exchange($server->port, "GET / HTTP/9.9 nonsense\r\n\r\n"), "\r\n"), "\n";
$body = wait_metric($mport, 'surge_process_protocol_errors_total', ['worker="web"'], 1);
var_dump(metric_sum($body, 'surge_http_request_duration_seconds_count', ['worker="web"']));

// A worker killed with SIGKILL is counted once under its reason, and replaced.
preg_match('/surge_process_connections\{worker="web",pid="(\d+)"/', $body, $m);
$victim = (int)$m[1];
posix_kill($victim, SIGKILL);
$body = wait_metric($mport, 'surge_worker_exits_total', ['worker="web"', 'reason="signal_SIGKILL"'], 1);
$server->waitForChildren(3);
// The dead process's series are gone with it.
var_dump(!str_contains($body, "pid=\"$victim\""));

// Only GET /metrics is served.
$get = fn(string $req) => strtok(http_exchange($mport, $req), "\r\n");
echo $get("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "\n";
$post = http_exchange($mport, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
echo strtok($post, "\r\n"), "\n";
var_dump(str_contains($post, "\r\nAllow: GET, HEAD\r\n"));
echo $get("BLAH\r\n\r\n"), "\n";
$ok = http_exchange($mport, "GET /metrics HTTP/1.0\r\n\r\n");
var_dump(str_contains($ok, "\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"),
    str_contains($ok, "\r\nConnection: close\r\n"));
fclose($t);
var_dump($server->stop());
?>
--EXPECT--
hello /x
echo hi
float(5)
float(1)
bool(true)
bool(true)
float(3)
float(8)
float(5)
float(5)
NULL
float(2)
float(0)
int(3)
bool(true)
promtool: ok
HTTP/1.1 500 Internal Server Error
HTTP/1.1 400 Bad Request
float(5)
bool(true)
HTTP/1.1 404 Not Found
HTTP/1.1 405 Method Not Allowed
bool(true)
HTTP/1.1 400 Bad Request
bool(true)
bool(true)
int(0)
