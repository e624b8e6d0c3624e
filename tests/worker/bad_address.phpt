--TEST--
Errors: a malformed listen address throws before forking, with a clear message, a non-zero exit and no process left
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['text://127.0.0.1', 'text://:80', 'tcp://[::1:80', 'text://127.0.0.1:99999', '127.0.0.1:8080'] as $address) {
    $server = TestServer::spawn('$w = new Worker(' . var_export($address, true) . ");\n"
        . "\$w->onWorkerStart = function () { Worker::log('child started'); };\nWorker::runAll();\n");
    $code = $server->wait(10);
    echo "== $address: exit $code\n";
    echo $server->output();
    var_dump(file_exists($server->dir . '/server.pid'), file_exists($server->dir . '/server.pid.lock'), $server->groupProcesses());
}
?>
--EXPECTF--
== text://127.0.0.1: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1: invalid address '127.0.0.1': expected host:port, e.g. 127.0.0.1:8080 or [::1]:8080 in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
bool(false)
array(0) {
}
== text://:80: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://:80: invalid address ':80': the host is empty in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
bool(false)
array(0) {
}
== tcp://[::1:80: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker tcp://[::1:80: invalid address '[::1:80': expected [ipv6]:port in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
bool(false)
array(0) {
}
== text://127.0.0.1:99999: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker text://127.0.0.1:99999: invalid port in '127.0.0.1:99999': expected 0-65535 in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
bool(false)
array(0) {
}
== 127.0.0.1:8080: exit 255
Fatal error: Uncaught RuntimeException: Surge\Worker 127.0.0.1:8080: invalid socket name '127.0.0.1:8080': expected scheme://address, e.g. tcp://0.0.0.0:8080 or unix:///run/app.sock in %s/server.php:%d
Stack trace:
#0 %s/server.php(%d): Surge\Worker::runAll()
#1 {main}
  thrown in %s/server.php on line %d
bool(false)
bool(false)
array(0) {
}
