--TEST--
Workerman switch: an application with a Composer-style autoloader for Workerman\ (pointing at a vendor/workerman/workerman/src whose every file throws) runs unchanged: workers, timers, event-loop names, Request, Response, Session and its handlers all come from Surge, the autoloader is never asked for a Workerman class, and a real HTTP request with a session is served
--FILE--
<?php
require __DIR__ . '/../http/http.inc';
$server = TestServer::start(<<<'PHP'
// A vendor folder as `composer require workerman/workerman` leaves it, except that every
// file records that it was loaded and throws.
$src = TEST_DIR . '/vendor/workerman/workerman/src';
foreach (['Worker', 'Timer', 'Lib/Timer', 'Connection/ConnectionInterface', 'Connection/TcpConnection',
          'Connection/AsyncTcpConnection', 'Connection/UdpConnection', 'Connection/AsyncUdpConnection',
          'Protocols/ProtocolInterface', 'Protocols/Http', 'Protocols/Websocket', 'Protocols/Ws', 'Protocols/Text',
          'Protocols/Frame', 'Protocols/Http/Request', 'Protocols/Http/Response', 'Protocols/Http/Chunk',
          'Protocols/Http/ServerSentEvents', 'Protocols/Http/Session', 'Protocols/Http/Session/FileSessionHandler',
          'Protocols/Http/Session/RedisSessionHandler', 'Protocols/Http/Session/SessionHandlerInterface',
          'Events/EventInterface', 'Events/Select', 'Events/Event', 'Events/Ev', 'Events/Fiber', 'Events/Swoole',
          'Events/Swow'] as $file) {
    @mkdir(dirname("$src/$file.php"), 0777, true);
    file_put_contents("$src/$file.php", "<?php\nfile_put_contents(TEST_DIR . '/vendor-loaded', __FILE__ . \"\\n\", FILE_APPEND);\n"
        . "throw new Exception('Workerman file loaded: ' . __FILE__);\n");
}
// The application's own classes, autoloaded too.
mkdir(TEST_DIR . '/app');
file_put_contents(TEST_DIR . '/app/Greeter.php', "<?php\nnamespace App;\nclass Greeter { public static function hi(): string { return 'hi'; } }\n");

// What vendor/composer/ClassLoader does for a PSR-4 map (prepended, as Composer registers it).
spl_autoload_register(function (string $class) use ($src) {
    file_put_contents(TEST_DIR . '/autoloader-asked', "$class\n", FILE_APPEND);
    foreach (['Workerman\\' => $src, 'App\\' => TEST_DIR . '/app'] as $prefix => $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = $dir . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    }
}, true, true);

use Workerman\Protocols\Http\Request;
use Workerman\Protocols\Http\Response;
use Workerman\Protocols\Http\Session;
use Workerman\Protocols\Http\Session\FileSessionHandler;

Session::$name = 'SID';
Session::handlerClass(FileSessionHandler::class, ['save_path' => TEST_DIR . '/sessions']);
Worker::$eventLoopClass = Workerman\Events\Select::class;
$w = new Worker('http://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function (Worker $w) {
    $loop = Worker::getEventLoop();
    Worker::log('loop ' . get_class($loop) . ' is a Workerman\Events\EventInterface: '
        . var_export($loop instanceof Workerman\Events\EventInterface, true));
    foreach (['Workerman\Events\Event', 'Workerman\Events\Ev', 'Workerman\Events\Fiber', 'Workerman\Events\Swoole',
              'Workerman\Events\Swow', 'Workerman\Protocols\Http\Session\RedisSessionHandler',
              'Workerman\Protocols\Http\Session\SessionHandlerInterface', 'Workerman\Connection\UdpConnection',
              'Workerman\Protocols\Http\ServerSentEvents', 'Workerman\Protocols\Http\Chunk'] as $name) {
        if (!class_exists($name) && !interface_exists($name)) {
            Worker::log("missing $name");
        }
    }
    $client = new Workerman\Connection\AsyncTcpConnection('tcp://127.0.0.1:1');
    Worker::log('client ' . get_class($client));
    Workerman\Lib\Timer::add(0.01, function () {
        Worker::log('Lib\Timer fired');
        Timer::add(0.01, function () { Worker::log('Timer fired'); }, [], false);
    }, [], false);
};
$w->onMessage = function (TcpConnection $c, Request $r) {
    $session = $r->session();
    $n = $session->get('n', 0) + 1;
    $session->set('n', $n);
    $c->send(new Response(200, ['X-Session' => get_class($session)], "n=$n " . App\Greeter::hi()));
};
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);
$server->waitForLog('Lib\Timer fired');
$server->waitForLog('Timer fired', 10, 2);
$c = $server->connect();
fwrite($c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
$first = http_read_response($c);
var_dump(preg_match('/\r\nSet-Cookie: SID=([a-zA-Z0-9,-]{16,256});/', $first, $m) === 1);
echo http_wire(str_replace($m[1], 'ID', $first)), "\n";
fwrite($c, "GET / HTTP/1.1\r\nHost: x\r\nCookie: SID={$m[1]}\r\n\r\n");
echo http_wire(http_read_response($c)), "\n";
fclose($c);

var_dump(file_exists($server->dir . '/vendor-loaded'));
// Protocols\Http: the user protocol class the http:// scheme may name, asked first as
// Workerman does; never a Workerman\ name.
echo "autoloader asked for:\n", @file_get_contents($server->dir . '/autoloader-asked');
var_dump($server->stop());
echo implode("\n", $server->logMessages()), "\n";
?>
--EXPECT--
bool(true)
HTTP/1.1 200 OK\r\n
X-Session: Surge\Protocols\Http\Session\r\n
Set-Cookie: SID=ID; Path=/\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 6\r\n
\r\n
n=1 hi
HTTP/1.1 200 OK\r\n
X-Session: Surge\Protocols\Http\Session\r\n
Server: surge\r\n
Date: DATE\r\n
Connection: keep-alive\r\n
Content-Type: text/html;charset=utf-8\r\n
Content-Length: 6\r\n
\r\n
n=2 hi
bool(false)
autoloader asked for:
Protocols\Http
App\Greeter
int(0)
Surge[server.php] start in DEBUG mode
loop Surge\Events\Select is a Workerman\Events\EventInterface: true
client Surge\Connection\AsyncTcpConnection
Lib\Timer fired
Timer fired
Surge[server.php] received signal SIGTERM
Surge[server.php] stopping
Surge[server.php] has been stopped