--TEST--
PHP library: every class of php/ loads on first lookup (class_exists, property_exists, static access, new), not before; user autoloaders neither see nor shadow them; Session::init() runs at load
--FILE--
<?php
require __DIR__ . '/session.inc';

// The classes the extension must ship, and the files they come from.
$expected = [
    'Surge\Connection\Pipe' => 'surge://php/Connection/Pipe.php',
    'Surge\Protocols\Http\Session' => 'surge://php/Session.php',
    'Surge\Protocols\Http\Session\FileSessionHandler' => 'surge://php/Session/FileSessionHandler.php',
    'Surge\Protocols\Http\Session\RedisClusterSessionHandler' => 'surge://php/Session/RedisClusterSessionHandler.php',
    'Surge\Protocols\Http\Session\RedisSessionHandler' => 'surge://php/Session/RedisSessionHandler.php',
    'Surge\Protocols\Http\Session\SessionHandlerInterface' => 'surge://php/Session/SessionHandlerInterface.php',
];
// In a checkout, every php/**/*.php must be in that list (a new file needs a test here too).
$root = __DIR__ . '/../../';
if (is_dir($root . 'php')) {
    $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root . 'php', FilesystemIterator::SKIP_DOTS));
    foreach ($it as $file) {
        if ($file->getExtension() === 'php') {
            $source = file_get_contents($file->getPathname());
            preg_match('/^namespace\s+([A-Za-z0-9_\\\\]+)\s*;/m', $source, $ns);
            preg_match('/^(?:(?:abstract|final|readonly)\s+)*(?:class|interface|trait|enum)\s+(\w+)/m', $source, $decl);
            $class = $ns[1] . '\\' . $decl[1];
            $path = 'surge://' . substr($file->getPathname(), strlen($root));
            if (($expected[$class] ?? null) !== $path) {
                echo "not in this test: $class from $path\n";
            }
        }
    }
}
echo implode("\n", array_keys($expected)), "\n";

echo "--- each class alone, in a fresh process, by class_exists()\n";
foreach ($expected as $class => $file) {
    echo session_run('
        $class = ' . var_export($class, true) . ';
        $before = class_exists($class, false) || interface_exists($class, false);
        $found = class_exists($class) || interface_exists($class);
        $r = new ReflectionClass($class);
        echo $class, ": before ", var_export($before, true), ", found ", var_export($found, true),
            ", file ", $r->getFileName(), ", user class ", var_export($r->isUserDefined(), true), "\n";
        if ($r->getFileName() !== ' . var_export($file, true) . ') echo "WRONG FILE\n";
    ');
}

echo "--- nothing is loaded until asked; each way of asking loads\n";
echo session_run(<<<'PHP'
use Surge\Protocols\Http\Session;
use Surge\Protocols\Http\Session\FileSessionHandler;
use Surge\Protocols\Http\Session\SessionHandlerInterface;
$loaded = fn() => implode(',', array_keys(array_filter(
    ['Session' => Session::class, 'FileSessionHandler' => FileSessionHandler::class,
     'SessionHandlerInterface' => SessionHandlerInterface::class],
    fn($c) => class_exists($c, false) || interface_exists($c, false))));
echo 'start: [', $loaded(), "]\n";
$o = new stdClass();
var_dump($o instanceof Session);            // instanceof never autoloads
echo 'after instanceof: [', $loaded(), "]\n";
var_dump(property_exists(Session::class, 'name'), property_exists(Session::class, 'nope'));
echo 'after property_exists: [', $loaded(), "]\n";
// The parent interface loads as a nested lookup while FileSessionHandler is declared.
$h = new FileSessionHandler(['save_path' => TEST_DIR]);
var_dump($h instanceof SessionHandlerInterface);
echo 'after new: [', $loaded(), "]\n";
PHP);
echo session_run(<<<'PHP'
echo Surge\Protocols\Http\Session::$name, "\n";
Surge\Protocols\Http\Session::$name = 'SID';
echo Surge\Protocols\Http\Session::$name, "\n";
var_dump(is_subclass_of('Surge\Protocols\Http\Session\RedisClusterSessionHandler', 'Surge\Protocols\Http\Session\SessionHandlerInterface'));
var_dump(class_exists('Surge\Protocols\Http\NoSuchClass'), class_exists('surge\protocols\http\SESSION'));
PHP);

echo "--- with user autoloaders: they are asked only for other classes\n";
echo session_run(<<<'PHP'
spl_autoload_register(function (string $class) {
    echo "loader 1: $class\n";
    if ($class === 'App\Thing') {
        eval('namespace App; class Thing {}');
    }
});
spl_autoload_register(function (string $class) { echo "loader 2: $class\n"; });
var_dump(class_exists('App\Thing'));
var_dump(class_exists('Surge\Protocols\Http\Session'));
var_dump(class_exists('App\Missing'));
// A user autoloader cannot replace a shipped class: the shipped one is found first.
spl_autoload_register(function (string $class) {
    echo "shadowing loader: $class\n";
    eval('namespace Surge\Protocols\Http\Session; class FileSessionHandler { const FAKE = 1; }');
}, true, true);
var_dump(defined('Surge\Protocols\Http\Session\FileSessionHandler::FAKE'));
var_dump((new ReflectionClass('Surge\Protocols\Http\Session\FileSessionHandler'))->getFileName());
PHP);

echo "--- loaded from inside functions and methods: the file runs in a scope of its own\n";
echo session_run(<<<'PHP'
function f() {
    $local = 1;
    $exists = class_exists('Surge\Protocols\Http\Session');
    return array_keys(get_defined_vars());
}
echo implode(',', f()), "\n";
class C {
    public int $p = 7;
    public function m(): string {
        $x = 2;
        $h = new Surge\Protocols\Http\Session\FileSessionHandler(['save_path' => TEST_DIR]);
        return get_class($h) . ' ' . $this->p . ' ' . implode(',', array_keys(get_defined_vars()));
    }
}
echo (new C())->m(), "\n";
echo implode(',', array_map(fn($n) => Surge\Protocols\Http\Session\SessionHandlerInterface::class . $n, [1])), "\n";
$g = 'global';
var_dump(array_values(array_diff(array_keys(get_defined_vars()), ['_GET', '_POST', '_COOKIE', '_FILES', 'argv', 'argc', '_SERVER'])));
PHP);

echo "--- Session::init() runs when Session.php loads: statics come from the session.* ini settings\n";
echo session_run(<<<'PHP'
ini_set('session.gc_maxlifetime', '77');
ini_set('session.gc_probability', '3');
ini_set('session.gc_divisor', '1000');
ini_set('session.cookie_lifetime', '600');
ini_set('session.cookie_path', '/app');
ini_set('session.cookie_domain', 'example.com');
ini_set('session.cookie_secure', '1');
ini_set('session.cookie_httponly', '1');
ini_set('session.cookie_samesite', 'Lax');
use Surge\Protocols\Http\Session;
var_dump(Session::$lifetime, Session::$gcProbability, Session::getCookieParams(), Session::$name, Session::$autoUpdateTimestamp);
PHP);
?>
--EXPECT--
Surge\Connection\Pipe
Surge\Protocols\Http\Session
Surge\Protocols\Http\Session\FileSessionHandler
Surge\Protocols\Http\Session\RedisClusterSessionHandler
Surge\Protocols\Http\Session\RedisSessionHandler
Surge\Protocols\Http\Session\SessionHandlerInterface
--- each class alone, in a fresh process, by class_exists()
Surge\Connection\Pipe: before false, found true, file surge://php/Connection/Pipe.php, user class true
Surge\Protocols\Http\Session: before false, found true, file surge://php/Session.php, user class true
Surge\Protocols\Http\Session\FileSessionHandler: before false, found true, file surge://php/Session/FileSessionHandler.php, user class true
Surge\Protocols\Http\Session\RedisClusterSessionHandler: before false, found true, file surge://php/Session/RedisClusterSessionHandler.php, user class true
Surge\Protocols\Http\Session\RedisSessionHandler: before false, found true, file surge://php/Session/RedisSessionHandler.php, user class true
Surge\Protocols\Http\Session\SessionHandlerInterface: before false, found true, file surge://php/Session/SessionHandlerInterface.php, user class true
--- nothing is loaded until asked; each way of asking loads
start: []
bool(false)
after instanceof: []
bool(true)
bool(false)
after property_exists: [Session]
bool(true)
after new: [Session,FileSessionHandler,SessionHandlerInterface]
PHPSID
SID
bool(true)
bool(false)
bool(true)
--- with user autoloaders: they are asked only for other classes
loader 1: App\Thing
bool(true)
bool(true)
loader 1: App\Missing
loader 2: App\Missing
bool(false)
bool(false)
string(42) "surge://php/Session/FileSessionHandler.php"
--- loaded from inside functions and methods: the file runs in a scope of its own
local,exists
Surge\Protocols\Http\Session\FileSessionHandler 7 x,h
Surge\Protocols\Http\Session\SessionHandlerInterface1
array(1) {
  [0]=>
  string(1) "g"
}
--- Session::init() runs when Session.php loads: statics come from the session.* ini settings
int(77)
array(2) {
  [0]=>
  int(3)
  [1]=>
  int(1000)
}
array(6) {
  ["lifetime"]=>
  int(600)
  ["path"]=>
  string(4) "/app"
  ["domain"]=>
  string(11) "example.com"
  ["secure"]=>
  bool(true)
  ["httponly"]=>
  bool(true)
  ["samesite"]=>
  string(3) "Lax"
}
string(6) "PHPSID"
bool(false)
