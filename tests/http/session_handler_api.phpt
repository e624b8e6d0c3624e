--TEST--
Session: get/set/delete/pull/put/forget/all/flush/has/exists; the handler is read once and written only when the data changed (destroyed when emptied), from __destruct, with gc at the configured odds; handlerClass(); unserialize never makes objects
--FILE--
<?php
require __DIR__ . '/session.inc';

echo session_run(<<<'PHP'
use Surge\Protocols\Http\Session;
use Surge\Protocols\Http\Session\SessionHandlerInterface;

/** Keeps sessions in memory and says what it is asked (a Workerman 5 style handler). */
class MemoryHandler implements SessionHandlerInterface
{
    public static array $store = [];
    public function __construct(public array $config = []) { echo 'new MemoryHandler ', json_encode($config), "\n"; }
    public function open(string $savePath, string $name): bool { echo "open\n"; return true; }
    public function close(): bool { echo "close\n"; return true; }
    public function read(string $sessionId): string|false { echo "read $sessionId\n"; return self::$store[$sessionId] ?? false; }
    public function write(string $sessionId, string $sessionData): bool { echo "write $sessionId $sessionData\n"; self::$store[$sessionId] = $sessionData; return true; }
    public function destroy(string $sessionId): bool { echo "destroy $sessionId\n"; unset(self::$store[$sessionId]); return true; }
    public function gc(int $maxLifetime): bool { echo "gc $maxLifetime\n"; return true; }
    public function updateTimestamp(string $sessionId, string $data = ""): bool { echo "updateTimestamp $sessionId\n"; return isset(self::$store[$sessionId]); }
}

echo "-- defaults (php -n: ext/session's own defaults override the class's)\n";
var_dump(Session::handlerClass(), Session::$name, Session::$lifetime, Session::$gcProbability, Session::getCookieParams());
Session::$gcProbability = [0, 1];
var_dump(Session::handlerClass(MemoryHandler::class, ['a' => 1]));

echo "-- a new session: read, changed, written once when destroyed\n";
$id = 'SID0123456789abcdef';
$s = new Session($id);
var_dump($s->getId(), $s->all(), $s->get('x'), $s->get('x', 'dflt'), $s->has('x'), $s->exists('x'));
$s->set('x', 1);
$s->set('nothing', null);
$s->put('y', [1, 2]);
$s->put(['z' => 'zed', 'w' => 2.5, 7 => 'seven']);
var_dump($s->has('nothing'), $s->exists('nothing'), $s->has('x'), $s->get('nothing', 'dflt'));
var_dump($s->pull('w'), $s->pull('w', 'gone'));
$s->delete('7');
$s->forget('nothing');
$s->forget(['y', 'missing']);
var_dump($s->all());
echo "unset\n";
unset($s);

echo "-- an unchanged session is read and never written\n";
$s = new Session($id);
var_dump($s->all());
unset($s);

echo "-- save() writes at once, and __destruct then has nothing left to write\n";
$s = new Session($id);
$s->set('n', 1);
$s->save();
$s->save();
unset($s);

echo "-- emptied: destroyed instead of written\n";
$s = new Session($id);
$s->flush();
var_dump($s->all());
unset($s);
var_dump(MemoryHandler::$store);
$s = new Session($id);
$s->set('k', 'v');
$s->delete('k');
unset($s);

echo "-- autoUpdateTimestamp: an unchanged session is refreshed\n";
MemoryHandler::$store[$id] = serialize(['a' => 1]);
Session::$autoUpdateTimestamp = true;
$s = new Session($id);
unset($s);
Session::$autoUpdateTimestamp = false;
$s = new Session($id);
var_dump($s->refresh());
$s->gc();
unset($s);

echo "-- gc from __destruct at the configured odds, with Session::\$lifetime\n";
Session::$lifetime = 321;
Session::$gcProbability = [1, 1];
new Session($id);
$s = new Session($id);
unset($s);
Session::$gcProbability = [0, 1000];
$s = new Session($id);
unset($s);

echo "-- stored data never makes objects; bad data reads as empty\n";
MemoryHandler::$store[$id] = serialize(['o' => new ArrayObject([1]), 'ok' => true]);
$s = new Session($id);
var_dump(get_class($s->get('o')), $s->get('ok'));
unset($s);
MemoryHandler::$store[$id] = 'garbage';
$s = new Session($id);
var_dump($s->all());
unset($s);
MemoryHandler::$store[$id] = serialize('not an array');
var_dump((new Session($id))->all());

echo "-- a Session that comes out of unserialize() never writes\n";
$s = new Session($id);
$s->set('k', 'v');
$copy = serialize($s);
$s->delete('k');
$s->save();
$restored = unserialize($copy);
unset($restored);
echo "after restored\n";
unset($s);

echo "-- handlerClass(): setting a class or a config makes a new handler for the next session\n";
var_dump(Session::handlerClass(null, ['b' => 2]));
$s = new Session($id);
unset($s);
Session::handlerClass(MemoryHandler::class);
$s = new Session($id);
unset($s);
try {
    Session::handlerClass(stdClass::class);
    new Session($id);
} catch (InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    Session::handlerClass('No\Such\Handler');
    new Session($id);
} catch (InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "-- a failed write is reported\n";
class ReadOnlyHandler extends MemoryHandler
{
    public function write(string $sessionId, string $sessionData): bool { echo "write refused\n"; return false; }
}
Session::handlerClass(ReadOnlyHandler::class);
$s = new Session($id);
$s->set('a', 1);
unset($s);

echo "-- without ext-redis, the Redis handlers say what is missing\n";
foreach (['Surge\Protocols\Http\Session\RedisSessionHandler', 'Surge\Protocols\Http\Session\RedisClusterSessionHandler'] as $class) {
    try {
        new $class(['host' => '127.0.0.1']);
    } catch (RuntimeException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo "end\n";
PHP);
?>
--EXPECTF--
-- defaults (php -n: ext/session's own defaults override the class's)
string(47) "Surge\Protocols\Http\Session\FileSessionHandler"
string(6) "PHPSID"
int(1440)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(100)
}
array(6) {
  ["lifetime"]=>
  int(0)
  ["path"]=>
  string(1) "/"
  ["domain"]=>
  string(0) ""
  ["secure"]=>
  bool(false)
  ["httponly"]=>
  bool(false)
  ["samesite"]=>
  string(0) ""
}
string(13) "MemoryHandler"
-- a new session: read, changed, written once when destroyed
new MemoryHandler {"a":1}
read SID0123456789abcdef
string(19) "SID0123456789abcdef"
array(0) {
}
NULL
string(4) "dflt"
bool(false)
bool(false)
bool(false)
bool(true)
bool(true)
string(4) "dflt"
float(2.5)
string(4) "gone"
array(2) {
  ["x"]=>
  int(1)
  ["z"]=>
  string(3) "zed"
}
unset
write SID0123456789abcdef a:2:{s:1:"x";i:1;s:1:"z";s:3:"zed";}
-- an unchanged session is read and never written
read SID0123456789abcdef
array(2) {
  ["x"]=>
  int(1)
  ["z"]=>
  string(3) "zed"
}
-- save() writes at once, and __destruct then has nothing left to write
read SID0123456789abcdef
write SID0123456789abcdef a:3:{s:1:"x";i:1;s:1:"z";s:3:"zed";s:1:"n";i:1;}
-- emptied: destroyed instead of written
read SID0123456789abcdef
array(0) {
}
destroy SID0123456789abcdef
array(0) {
}
read SID0123456789abcdef
destroy SID0123456789abcdef
-- autoUpdateTimestamp: an unchanged session is refreshed
read SID0123456789abcdef
updateTimestamp SID0123456789abcdef
read SID0123456789abcdef
updateTimestamp SID0123456789abcdef
bool(true)
gc 1440
-- gc from __destruct at the configured odds, with Session::$lifetime
read SID0123456789abcdef
gc 321
read SID0123456789abcdef
gc 321
read SID0123456789abcdef
-- stored data never makes objects; bad data reads as empty
read SID0123456789abcdef
string(22) "__PHP_Incomplete_Class"
bool(true)
read SID0123456789abcdef

Notice: unserialize(): Error at offset 0 of 7 bytes in surge://php/Session.php on line %d
array(0) {
}
read SID0123456789abcdef
array(0) {
}
-- a Session that comes out of unserialize() never writes
read SID0123456789abcdef
destroy SID0123456789abcdef
after restored
-- handlerClass(): setting a class or a config makes a new handler for the next session
string(13) "MemoryHandler"
new MemoryHandler {"b":2}
read SID0123456789abcdef
new MemoryHandler {"b":2}
read SID0123456789abcdef
InvalidArgumentException: Session handler class stdClass does not exist or does not implement Surge\Protocols\Http\Session\SessionHandlerInterface
InvalidArgumentException: Session handler class No\Such\Handler does not exist or does not implement Surge\Protocols\Http\Session\SessionHandlerInterface
-- a failed write is reported
new MemoryHandler {"b":2}
read SID0123456789abcdef
write refused

Warning: Session SID0123456789abcdef could not be saved by ReadOnlyHandler in surge://php/Session.php on line %d
-- without ext-redis, the Redis handlers say what is missing
RuntimeException: Surge\Protocols\Http\Session\RedisSessionHandler needs the redis extension (ext-redis), which is not loaded: install it (apt-get install php-redis, or pecl install redis) and add extension=redis to php.ini
RuntimeException: Surge\Protocols\Http\Session\RedisClusterSessionHandler needs the redis extension (ext-redis), which is not loaded: install it (apt-get install php-redis, or pecl install redis) and add extension=redis to php.ini
end
