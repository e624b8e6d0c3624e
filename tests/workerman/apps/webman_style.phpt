--TEST--
webman-style application, structured as webman is: the master sets Worker::$eventLoopClass = '' (webman's default config), statics behind property_exists() guards, $onMasterReload and the session configuration; each HTTP process sets Http::requestClass() and binds onMessage to an App object in onWorkerStart; the Request subclass's get()/header() overrides read and write the parsed cache $this->data['get'|'headers'] (what they write is what the parent's get()/header() return); a middleware onion of closures around the controllers (one short-circuits); keep-alive decided by the application (send() for HTTP/1.1 without Connection or with keep-alive, close($response) otherwise); $request->session() counts visits (file handler; written when the app unsets $request->context['session'], before the answer, so the next request on any process sees it); a custom monitor process (no address, not reloadable, its callbacks bound from onWorkerStart as worker_bind() does) reloads the master with `kill -USR1 <pid from Worker::$pidFile>` when a watched file changes: both HTTP processes are replaced (new pids in the answers) while requests keep being answered, the monitor only gets onWorkerReload, and the session survives
--FILE--
<?php
require __DIR__ . '/../../helper.inc';
$server = TestServer::start(<<<'PHP'
use Workerman\Protocols\Http;
use Workerman\Protocols\Http\Request;
use Workerman\Protocols\Http\Response;
use Workerman\Protocols\Http\Session;
use Workerman\Protocols\Http\Session\FileSessionHandler;

/** The framework's request class (webman writes $this->data['get'|'post'|'headers'] too). */
class AppRequest extends Request
{
    protected bool $isDirty = false;

    public function get(?string $name = null, mixed $default = null): mixed
    {
        if (!isset($this->data['get'])) {
            parent::get();  // the parent parses the query string into $this->data['get']
        }
        $get = $this->data['get'];
        return $name === null ? $get : ($get[$name] ?? $default);
    }

    public function setGet(string $name, mixed $value): static
    {
        $this->get();
        $this->isDirty = true;
        $this->data['get'][$name] = $value;
        return $this;
    }

    public function header(?string $name = null, mixed $default = null): mixed
    {
        if (!isset($this->data['headers'])) {
            parent::header();
        }
        $headers = $this->data['headers'];
        return $name === null ? $headers : ($headers[strtolower($name)] ?? $default);
    }

    public function setHeader(string $name, string $value): static
    {
        $this->header();
        $this->isDirty = true;
        $this->data['headers'][strtolower($name)] = $value;
        return $this;
    }

    /** What Workerman's own accessors return now. */
    public function parentView(): string
    {
        return json_encode(['get.lang' => parent::get('lang'), 'header.x-app-lang' => parent::header('x-app-lang'),
            'header.host' => parent::header('host')]);
    }

    public function __clone()
    {
        // A cached request is cloned for the next identical one: forget what was written.
        if ($this->isDirty) {
            unset($this->data['get'], $this->data['headers']);
            $this->isDirty = false;
        }
    }
}

// Middlewares, outermost first: each gets the request and the next layer.
$middlewares = [
    'trace' => function (AppRequest $request, callable $next): Response {
        $request->trace = 'trace>';
        $response = $next($request);
        return $response->withHeader('X-Trace', $request->trace . '<trace');
    },
    'auth' => function (AppRequest $request, callable $next): Response {
        $request->trace .= 'auth>';
        if (str_starts_with($request->path(), '/admin') && $request->header('X-Token') !== 'secret') {
            return new Response(403, ['Content-Type' => 'text/plain'], 'forbidden');
        }
        $response = $next($request);
        $request->trace .= '<auth';
        return $response;
    },
    'lang' => function (AppRequest $request, callable $next): Response {
        $request->trace .= 'lang>';
        if ($request->get('lang') === null) {
            $request->setGet('lang', 'en');
        }
        $request->setHeader('X-App-Lang', $request->get('lang'));
        $response = $next($request);
        $request->trace .= '<lang';
        return $response;
    },
];
$controllers = [
    '/hello' => fn(AppRequest $r) => new Response(200, ['Content-Type' => 'text/plain', 'X-Pid' => (string)getmypid()],
        "hello {$r->get('name', 'nobody')} in {$r->header('x-app-lang')}; parent sees {$r->parentView()}"),
    '/admin' => fn(AppRequest $r) => new Response(200, ['Content-Type' => 'text/plain'], 'admin area'),
    '/visits' => function (AppRequest $r) {
        $session = $r->session();
        $session->set('visits', $session->get('visits', 0) + 1);
        return new Response(200, ['Content-Type' => 'text/plain'], "visits {$session->get('visits')}");
    },
    '/pid' => fn(AppRequest $r) => new Response(200, ['Content-Type' => 'text/plain'], (string)getmypid()),
];
/** The application object, as webman's Webman\App: its onMessage is bound in onWorkerStart. */
class App
{
    protected $onion;

    public function __construct(protected string $requestClass, array $middlewares, array $controllers)
    {
        $dispatch = function (AppRequest $request) use ($controllers): Response {
            $request->trace .= 'controller';
            $controller = $controllers[$request->path()] ?? fn() => new Response(404, [], 'not found');
            return $controller($request);
        };
        // The onion: the first middleware is the outermost layer.
        $this->onion = array_reduce(array_reverse($middlewares), fn(callable $next, callable $middleware) =>
            fn(AppRequest $request) => $middleware($request, $next), $dispatch);
    }

    public function onWorkerStart(Worker $worker): void
    {
        Http::requestClass($this->requestClass);
    }

    public function onMessage(TcpConnection $connection, $request): void
    {
        static::send($connection, ($this->onion)($request), $request);
    }

    protected static function send(TcpConnection $connection, $response, $request): void
    {
        // Drop the request's reference to its session: the session is written now, before
        // the answer goes out.
        unset($request->context['session']);
        $keepAlive = $request->header('connection');
        if ($keepAlive === null) {
            if ($request->protocolVersion() === '1.1') {
                $connection->send($response);
                return;
            }
        } elseif (strcasecmp($keepAlive, 'keep-alive') === 0) {
            $connection->send($response);
            return;
        }
        $connection->close($response);
    }
}

/** webman's file monitor, a custom process handler. */
class Monitor
{
    protected int $lastMtime;

    public function __construct(protected string $file)
    {
        $this->lastMtime = filemtime($file);
    }

    public function onWorkerStart(Worker $worker): void
    {
        Worker::log('monitor pid ' . getmypid() . ' watches ' . basename(dirname($this->file)) . '/' . basename($this->file));
        Timer::add(0.05, [$this, 'checkFilesChange']);
    }

    public function checkFilesChange(): void
    {
        clearstatcache(true, $this->file);
        if (filemtime($this->file) > $this->lastMtime) {
            $this->lastMtime = filemtime($this->file);
            Worker::log('monitor: app/controller.php changed, reloading');
            // posix is not loaded: the master's pid from the pid file, and kill(1).
            exec('kill -USR1 ' . (int)file_get_contents(Worker::$pidFile));
        }
    }

    public function onWorkerReload(Worker $worker): void
    {
        Worker::log('monitor: onWorkerReload in pid ' . getmypid());
    }
}

/** worker_bind(): the handler's callbacks become the worker's (from its onWorkerStart). */
function worker_bind(Worker $worker, object $handler): void
{
    foreach (['onConnect', 'onMessage', 'onClose', 'onError', 'onBufferFull', 'onBufferDrain', 'onWorkerStop',
                 'onWebSocketConnect', 'onWorkerReload'] as $name) {
        if (method_exists($handler, $name)) {
            $worker->$name = [$handler, $name];
        }
    }
    if (method_exists($handler, 'onWorkerStart')) {
        call_user_func([$handler, 'onWorkerStart'], $worker);
    }
}

/** worker_start(): a custom process from its configuration. */
function worker_start(string $processName, array $config): void
{
    $worker = new Worker($config['listen'] ?? null, $config['context'] ?? []);
    $worker->name = $processName;
    foreach (['count', 'user', 'group', 'reloadable', 'reusePort', 'transport', 'protocol', 'eventLoop'] as $property) {
        if (isset($config[$property])) {
            $worker->$property = $config[$property];
        }
    }
    $worker->onWorkerStart = function (Worker $worker) use ($config) {
        webman_bootstrap();
        worker_bind($worker, new $config['handler'](...$config['constructor']));
    };
}

/** support/bootstrap.php, run in each worker process. */
function webman_bootstrap(): void
{
    if (empty(Worker::$eventLoopClass)) {
        Worker::$eventLoopClass = Workerman\Events\Select::class;
    }
    set_error_handler(function ($level, $message, $file = '', $line = 0) {
        if (error_reporting() & $level) {
            throw new ErrorException($message, 0, $level, $file, $line);
        }
    });
}

// The master's part (support\App::run()), with the guards webman uses.
$config = ['listen' => 'http://127.0.0.1:' . TEST_PORT, 'name' => 'webman', 'count' => 2, 'event_loop' => '',
    'stop_timeout' => 3, 'status_file' => TEST_DIR . '/status', 'max_package_size' => 10 * 1024 * 1024];
Worker::$onMasterReload = function () {
    Worker::log('master: onMasterReload');
};
Worker::$eventLoopClass = $config['event_loop'] ?? '';
TcpConnection::$defaultMaxPackageSize = $config['max_package_size'] ?? 10 * 1024 * 1024;
if (property_exists(Worker::class, 'statusFile')) {
    Worker::$statusFile = $config['status_file'] ?? '';
}
if (property_exists(Worker::class, 'stopTimeout')) {
    Worker::$stopTimeout = $config['stop_timeout'] ?? 2;
}
// config/session.php and the session bootstrap.
$sessionConfig = ['session_name' => 'APPSID', 'cookie_lifetime' => 365 * 24 * 3600, 'cookie_path' => '/',
    'domain' => '', 'http_only' => true, 'secure' => false, 'same_site' => '', 'gc_probability' => [1, 1000]];
if (property_exists(Session::class, 'name')) {
    Session::$name = $sessionConfig['session_name'];
}
Session::handlerClass(FileSessionHandler::class, ['save_path' => TEST_DIR . '/sessions']);
$map = ['cookie_lifetime' => 'cookieLifetime', 'cookie_path' => 'cookiePath', 'domain' => 'domain',
    'http_only' => 'httpOnly', 'secure' => 'secure', 'same_site' => 'sameSite', 'gc_probability' => 'gcProbability'];
foreach ($map as $key => $property) {
    if (isset($sessionConfig[$key]) && property_exists(Session::class, $property)) {
        Session::${$property} = $sessionConfig[$key];
    }
}

$worker = new Worker($config['listen'], $config['context'] ?? []);
foreach (['name', 'count', 'user', 'group', 'reusePort', 'transport', 'protocol'] as $property) {
    if (isset($config[$property])) {
        $worker->$property = $config[$property];
    }
}
$worker->onWorkerStart = function (Worker $worker) use ($middlewares, $controllers) {
    webman_bootstrap();
    $app = new App(AppRequest::class, $middlewares, $controllers);
    // Bound here, in the worker process: connections accepted from now on get it.
    $worker->onMessage = [$app, 'onMessage'];
    call_user_func([$app, 'onWorkerStart'], $worker);
    Worker::log("http worker {$worker->id} pid " . getmypid());
};

@mkdir(TEST_DIR . '/app');
touch(TEST_DIR . '/app/controller.php', time() - 100);
worker_start('monitor', ['reloadable' => false, 'handler' => Monitor::class, 'constructor' => [TEST_DIR . '/app/controller.php']]);
Worker::runAll();
PHP, ['start', '-q'], ['workerman' => true]);

/** Writes $request and reads one response (head + Content-Length body): [head, body]; [null, null] on EOF. */
function http_exchange($socket, string $request): array
{
    fwrite($socket, $request);
    $head = '';
    while (!str_ends_with($head, "\r\n\r\n")) {
        $line = fgets($socket);
        if ($line === false) {
            return [$head === '' ? null : $head, null];
        }
        $head .= $line;
    }
    preg_match('/\r\nContent-Length: (\d+)\r\n/i', $head, $m);
    // Surge adds Server and Date to every answer, a difference its README owns ("Differences
    // from Workerman"; Workerman 5.2 sends neither): left out of what is compared.
    $head = preg_replace('/\r\n(Server: surge|Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)(?=\r\n)/', '', $head);
    return [$head, read_bytes($socket, (int)($m[1] ?? 0))];
}

function get(string $target, string $version = '1.1', array $headers = []): string
{
    return "GET $target HTTP/$version\r\nHost: 127.0.0.1\r\n" . implode('', array_map(fn($h) => "$h\r\n", $headers)) . "\r\n";
}

$log = $server->waitForLog('http worker ', 10, 2);
$server->waitForLog('monitor pid');
preg_match_all('/http worker \d pid (\d+)/', $log, $m);
$oldPids = array_map('intval', $m[1]);

echo "== keep-alive, HTTP/1.1 without Connection\n";
$c = $server->connect();
[$head, $body] = http_exchange($c, get('/hello?name=ann&lang=fr'));
echo $head, $body, "\n";
[$head2, $body] = http_exchange($c, get('/hello'));
echo $body, "\n";
[$head3] = http_exchange($c, get('/hello?name=bob'));
$pids = array_map(fn($h) => preg_match('/\r\nX-Pid: (\d+)\r\n/', (string)$h, $p) ? $p[1] : null, [$head, $head2, $head3]);
echo 'three requests on the kept connection, one process: ', var_export(count(array_unique($pids)) === 1 && $pids[0] !== null, true), "\n";

echo "== HTTP/1.1 with Connection: close\n";
$c = $server->connect();
[$head, $body] = http_exchange($c, get('/hello?name=cy', '1.1', ['Connection: close']));
echo $body, "\nclosed after the answer: ", var_export(wait_closed($c), true), "\n";

echo "== HTTP/1.0 without Connection\n";
$c = $server->connect();
[$head, $body] = http_exchange($c, get('/hello?name=di', '1.0'));
echo strtok($head, "\r"), ' ', $body, "\nclosed after the answer: ", var_export(wait_closed($c), true), "\n";

echo "== HTTP/1.0 with Connection: keep-alive\n";
$c = $server->connect();
[, $body] = http_exchange($c, get('/hello?name=ed', '1.0', ['Connection: keep-alive']));
echo $body, "\n";
[, $body] = http_exchange($c, get('/hello?name=ed2', '1.0', ['Connection: keep-alive']));
echo "then on the same connection: $body\n";

echo "== middleware short-circuit\n";
$c = $server->connect();
[$head, $body] = http_exchange($c, get('/admin'));
echo $head, $body, "\n";
[$head, $body] = http_exchange($c, get('/admin', '1.1', ['X-Token: secret']));
echo strtok($head, "\r"), ' ', $body, ' ', preg_match('/X-Trace: (.*)\r/', $head, $t) ? $t[1] : '', "\n";

echo "== session\n";
$c = $server->connect();
[$head, $body] = http_exchange($c, get('/visits'));
echo preg_replace('/APPSID=[a-zA-Z0-9,-]+/', 'APPSID=<sid>', $head), $body, "\n";
fclose($c);
preg_match('/Set-Cookie: APPSID=([a-zA-Z0-9,-]+)/', $head, $sid);
$cookie = "Cookie: APPSID={$sid[1]}";
// A new connection each time (either process may answer): the session was written
// before the answer went out.
for ($i = 0; $i < 6; $i++) {
    $c = $server->connect();
    [$head, $body] = http_exchange($c, get('/visits', '1.1', [$cookie, 'Connection: close']));
    fclose($c);
    echo $body, ', Set-Cookie again: ', var_export(str_contains($head, 'Set-Cookie'), true), "\n";
}
echo "== reload by the monitor\n";
touch($server->dir . '/app/controller.php');
$server->waitForLog('monitor: app/controller.php changed, reloading');
// Requests go on, one connection each, until both HTTP processes have been replaced and
// the answers come from the new ones.
$answered = $lost = 0;
$deadline = microtime(true) + 20;
$seen = [];
$newPids = [];
while (microtime(true) < $deadline) {
    $tries = 0;
    do {
        // A connection the stopping process had accepted but not read is closed unanswered
        // (as Workerman's non-graceful reload does): the request is sent again.
        $c = $server->connect();
        [$head, $body] = http_exchange($c, get('/pid', '1.1', ['Connection: close']));
        fclose($c);
    } while ($head === null && ++$tries < 3);
    if ($head === null || !str_starts_with($head, 'HTTP/1.1 200 OK')) {
        $lost++;
    } else {
        $answered++;
        $seen[(int)$body] = true;
    }
    preg_match_all('/http worker \d pid (\d+)/', $server->log(), $m);
    $newPids = array_values(array_diff(array_map('intval', $m[1]), $oldPids));
    if (count($newPids) === 2 && count(array_intersect(array_keys($seen), $newPids)) === 2) {
        break;
    }
}
sort($newPids);
// (Surge retires an old process after its replacement started: it may still be finishing.)
$gone = wait_for(fn() => !array_filter($oldPids, fn($p) => file_exists("/proc/$p")) ?: null, 'the old HTTP processes to exit', 10);
echo 'new HTTP processes: ', count($newPids), ', old ones gone: ', var_export($gone, true), "\n";
echo 'every request answered during the reload: ', var_export($lost === 0 && $answered > 0, true), "\n";
echo 'answers came from both new processes: ', var_export(count(array_intersect(array_keys($seen), $newPids)) === 2, true), "\n";
echo 'answers from pids that were never HTTP workers: ', count(array_diff(array_keys($seen), $oldPids, $newPids)), "\n";
$c = $server->connect();
[, $body] = http_exchange($c, get('/visits', '1.1', [$cookie]));
echo "session after the reload: $body\n";
var_dump($server->stop());
$lines = $server->logMessages();
echo implode("\n", preg_grep('/^(monitor|master)/', preg_replace('/pid \d+/', 'pid <pid>', $lines))), "\n";
// The monitor was not restarted: one start line, its pid the one that got onWorkerReload.
preg_match('/monitor pid (\d+) watches/', $server->log(), $a);
preg_match('/monitor: onWorkerReload in pid (\d+)/', $server->log(), $b);
echo 'monitor kept its pid: ', var_export(isset($a[1], $b[1]) && $a[1] === $b[1], true), "\n";
echo implode("\n", preg_grep('/error|warning|exception|exit with status/i', $lines)), "\n";
?>
--EXPECTF--
== keep-alive, HTTP/1.1 without Connection
HTTP/1.1 200 OK
Content-Type: text/plain
X-Pid: %d
X-Trace: trace>auth>lang>controller<lang<auth<trace
Connection: keep-alive
Content-Length: 97

hello ann in fr; parent sees {"get.lang":"fr","header.x-app-lang":"fr","header.host":"127.0.0.1"}
hello nobody in en; parent sees {"get.lang":"en","header.x-app-lang":"en","header.host":"127.0.0.1"}
three requests on the kept connection, one process: true
== HTTP/1.1 with Connection: close
hello cy in en; parent sees {"get.lang":"en","header.x-app-lang":"en","header.host":"127.0.0.1"}
closed after the answer: true
== HTTP/1.0 without Connection
HTTP/1.1 200 OK hello di in en; parent sees {"get.lang":"en","header.x-app-lang":"en","header.host":"127.0.0.1"}
closed after the answer: true
== HTTP/1.0 with Connection: keep-alive
hello ed in en; parent sees {"get.lang":"en","header.x-app-lang":"en","header.host":"127.0.0.1"}
then on the same connection: hello ed2 in en; parent sees {"get.lang":"en","header.x-app-lang":"en","header.host":"127.0.0.1"}
== middleware short-circuit
HTTP/1.1 403 Forbidden
Content-Type: text/plain
X-Trace: trace>auth><trace
Connection: keep-alive
Content-Length: 9

forbidden
HTTP/1.1 200 OK admin area trace>auth>lang>controller<lang<auth<trace
== session
HTTP/1.1 200 OK
Content-Type: text/plain
X-Trace: trace>auth>lang>controller<lang<auth<trace
Set-Cookie: APPSID=<sid>; Max-Age=31536000; Path=/; HttpOnly
Connection: keep-alive
Content-Length: 8

visits 1
visits 2, Set-Cookie again: false
visits 3, Set-Cookie again: false
visits 4, Set-Cookie again: false
visits 5, Set-Cookie again: false
visits 6, Set-Cookie again: false
visits 7, Set-Cookie again: false
== reload by the monitor
new HTTP processes: 2, old ones gone: true
every request answered during the reload: true
answers came from both new processes: true
answers from pids that were never HTTP workers: 0
session after the reload: visits 8
int(0)
monitor pid <pid> watches app/controller.php
monitor: app/controller.php changed, reloading
master: onMasterReload
monitor: onWorkerReload in pid <pid>
monitor kept its pid: true
