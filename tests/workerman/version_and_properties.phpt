--TEST--
Workerman switch: Worker::VERSION is Workerman's API level 5.2.2 (>= 5.0.0 for version_compare), Surge's own version is Worker::SURGE_VERSION and the global SURGE_VERSION, and the static properties libraries probe with property_exists() are there
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onMessage = function (TcpConnection $c, string $m) {
    $c->send(json_encode([
        'VERSION' => Worker::VERSION,
        'Workerman 5' => version_compare(Worker::VERSION, '5.0.0', '>='),
        'Workerman\Worker::VERSION' => Workerman\Worker::VERSION,
        'Surge\Worker::VERSION' => Surge\Worker::VERSION,
        'SURGE_VERSION same' => Worker::SURGE_VERSION === SURGE_VERSION,
        'phpversion same' => phpversion('surge') === SURGE_VERSION,
        'SURGE_VERSION form' => preg_match('/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/', SURGE_VERSION) === 1,
        'eventLoopClass' => property_exists(Worker::class, 'eventLoopClass'),
        'stopTimeout' => property_exists(Worker::class, 'stopTimeout'),
        'onMasterReload' => property_exists(Worker::class, 'onMasterReload'),
        'pidFile' => property_exists(Worker::class, 'pidFile'),
        'Session::$name' => property_exists('Workerman\Protocols\Http\Session', 'name'),
        'Session::$name value' => Workerman\Protocols\Http\Session::$name,
    ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n.");
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$c = $server->connect();
fwrite($c, "versions\n");
while (($line = read_line($c)) !== false && $line !== '.') {
    echo $line, "\n";
}
var_dump($server->stop());
?>
--EXPECT--
{
    "VERSION": "5.2.2",
    "Workerman 5": true,
    "Workerman\\Worker::VERSION": "5.2.2",
    "Surge\\Worker::VERSION": "5.2.2",
    "SURGE_VERSION same": true,
    "phpversion same": true,
    "SURGE_VERSION form": true,
    "eventLoopClass": true,
    "stopTimeout": true,
    "onMasterReload": true,
    "pidFile": true,
    "Session::$name": true,
    "Session::$name value": "PHPSID"
}
int(0)
