--TEST--
Session: FileSessionHandler keeps session_<id> files written atomically and privately, expires them on read, collects only its own garbage, refuses ids that are not session ids, and picks its folder from session.save_path
--FILE--
<?php
require __DIR__ . '/session.inc';

echo session_run(<<<'PHP'
use Surge\Protocols\Http\Session;
use Surge\Protocols\Http\Session\FileSessionHandler;
umask(022);
$dir = TEST_DIR . '/a/b/sessions';
$h = new FileSessionHandler(['save_path' => $dir]);  // created, with parents
var_dump(is_dir($dir), str_replace(TEST_DIR, 'TEST_DIR', FileSessionHandler::sessionSavePath($dir)));
$list = fn() => implode(' ', array_diff(scandir($dir), ['.', '..']));

$id = 'abcdefABCDEF0123,-x';
var_dump($h->open('', 'PHPSID'), $h->read($id), $h->updateTimestamp($id));
var_dump($h->write($id, 'first'), $list(), file_get_contents("$dir/session_$id"));
printf("mode %o\n", fileperms("$dir/session_$id") & 0777);
var_dump($h->write($id, 'second'), $h->read($id), $list());

echo "-- through Session\n";
Session::handlerClass(FileSessionHandler::class, ['save_path' => $dir]);
Session::$gcProbability = [0, 1];
$sid = str_repeat('7', 32);
$s = new Session($sid);
$s->set('user', ['id' => 5, 'name' => 'ann']);
unset($s);
var_dump(file_get_contents("$dir/session_$sid") === serialize(['user' => ['id' => 5, 'name' => 'ann']]));
var_dump((new Session($sid))->get('user'));

echo "-- expiry: a session untouched for more than Session::\$lifetime reads as empty and is removed\n";
Session::$lifetime = 100;
touch("$dir/session_$id", time() - 50);
var_dump($h->read($id));
touch("$dir/session_$id", time() - 101);
var_dump($h->read($id), file_exists("$dir/session_$id"));
$h->write($id, 'again');
touch("$dir/session_$id", time() - 1000);
var_dump($h->updateTimestamp($id), $h->read($id));
var_dump($h->destroy($id), file_exists("$dir/session_$id"), $h->destroy($id));

echo "-- gc removes old session files and leftover temp files, nothing else\n";
$old = time() - 500;
foreach (['session_' . str_repeat('o', 20), 'session_' . str_repeat('n', 20), 'session_' . str_repeat('o', 20) . '.0123456789abcdef.tmp',
          'session_notes.txt', 'session_short', 'other_' . str_repeat('o', 20), 'session_' . str_repeat('o', 20) . '.tmp'] as $name) {
    file_put_contents("$dir/$name", 'x');
    if ($name !== 'session_' . str_repeat('n', 20)) {
        touch("$dir/$name", $old);
    }
}
unlink("$dir/session_$sid");
var_dump($h->gc(400));
echo $list(), "\n";

echo "-- ids that could name another file are refused before touching the disk\n";
$bad = ['../../../../etc/passwd', str_repeat('a', 15), str_repeat('a', 257), 'aaaaaaaaaaaaaaaa/../x', "aaaaaaaaaaaaaaaa\0", 'aaaaaaaaaaaaaaaa.tmp',
        "aaaaaaaaaaaaaaaa\n", 'aaaaaaaa aaaaaaaa', ''];
foreach ($bad as $id) {
    foreach (['read', 'write', 'destroy', 'updateTimestamp'] as $method) {
        try {
            $method === 'write' ? $h->write($id, 'x') : $h->$method($id);
            echo "$method accepted ", json_encode($id), "\n";
        } catch (InvalidArgumentException $e) {
            $messages[$e->getMessage()] = true;
        }
    }
}
echo implode("\n", array_keys($messages)), "\n";
try {
    new Session('../../x/../../../etc/passwd');
} catch (InvalidArgumentException $e) {
    echo get_class($e), "\n";
}
var_dump($h->read(str_repeat('a', 256)), $h->read(str_repeat('a', 16)));
echo $list(), "\n";
PHP);

echo "-- the default folder: session.save_path when it names a folder (created if missing), else the temp folder\n";
$dir = session_scratch();
foreach (['', "$dir/plain", "2;$dir/levels", "2;600;$dir/levels-mode", 'tcp://127.0.0.1:6379'] as $savePath) {
    echo str_replace($dir, 'DIR', session_run('
        $path = Surge\Protocols\Http\Session\FileSessionHandler::sessionSavePath("");
        echo json_encode($path, JSON_UNESCAPED_SLASHES), " ", var_export(is_dir($path), true), "\n";
    ', ['-d', "session.save_path=\"$savePath\"", '-d', "sys_temp_dir=$dir/temp"]));
}
touch("$dir/file");
echo str_replace($dir, 'DIR', session_run('
    try {
        class_exists("Surge\Protocols\Http\Session\FileSessionHandler");
    } catch (RuntimeException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
', ['-d', "session.save_path=$dir/file/sub"], 10) . "\n");
?>
--EXPECT--
bool(true)
string(22) "TEST_DIR/a/b/sessions/"
bool(true)
string(0) ""
bool(false)
bool(true)
string(27) "session_abcdefABCDEF0123,-x"
string(5) "first"
mode 600
bool(true)
string(6) "second"
string(27) "session_abcdefABCDEF0123,-x"
-- through Session
bool(true)
array(2) {
  ["id"]=>
  int(5)
  ["name"]=>
  string(3) "ann"
}
-- expiry: a session untouched for more than Session::$lifetime reads as empty and is removed
string(6) "second"
string(0) ""
bool(false)
bool(true)
string(5) "again"
bool(true)
bool(false)
bool(true)
-- gc removes old session files and leftover temp files, nothing else
bool(true)
other_oooooooooooooooooooo session_nnnnnnnnnnnnnnnnnnnn session_notes.txt session_oooooooooooooooooooo.tmp session_short
-- ids that could name another file are refused before touching the disk
Invalid session id: it must be 16 to 256 characters of a-z, A-Z, 0-9, "," and "-"
InvalidArgumentException
string(0) ""
string(0) ""
other_oooooooooooooooooooo session_nnnnnnnnnnnnnnnnnnnn session_notes.txt session_oooooooooooooooooooo.tmp session_short
-- the default folder: session.save_path when it names a folder (created if missing), else the temp folder
"DIR/temp/" true
"DIR/plain/" true
"DIR/levels/" true
"DIR/levels-mode/" true
"DIR/temp/" true
RuntimeException: Cannot create the session folder DIR/file/sub/

