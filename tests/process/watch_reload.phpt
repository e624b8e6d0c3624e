--TEST--
Process: start --watch reloads the workers when a .php file changes, keeps them on a syntax error, and says when a file needs a restart
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$server = TestServer::start(<<<'PHP'
// The application code a reload picks up: loaded in each worker, after the fork.
@mkdir(TEST_DIR . '/app');
file_put_contents(TEST_DIR . '/app/handler.php', '<?php return fn($m) => "v1:$m";');
file_put_contents(TEST_DIR . '/notes.txt', "not code\n");
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () { $GLOBALS['handler'] = require TEST_DIR . '/app/handler.php'; };
$w->onMessage = function ($c, $m) { $c->send(($GLOBALS['handler'])($m) . ' ' . getmypid()); };
Worker::runAll();
PHP, ['start', '--watch']);

function ask(TestServer $server, string $m): string
{
    $c = $server->connect();
    fwrite($c, "$m\n");
    $answer = trim((string)read_line($c));
    fclose($c);
    return $answer;
}
// Asks until the answer starts with $prefix (a reload takes a moment); returns [answer, pid].
function answerFrom(TestServer $server, string $prefix): array
{
    $answer = wait_for(function () use ($server, $prefix) {
        $a = @ask($server, 'x');
        return str_starts_with($a, $prefix) ? $a : null;
    }, "an answer starting with $prefix");
    return explode(' ', $answer);
}
$handler = $server->dir . '/app/handler.php';

[$answer, $pid1] = answerFrom($server, 'v1:');
echo "before: $answer\n";

file_put_contents("$server->dir/notes.txt", "still not code\n");  // no reload for this
file_put_contents($handler, '<?php return fn($m) => "v2:$m";');
$server->waitForLog('changed, reloading');
[$answer, $pid2] = answerFrom($server, 'v2:');
echo "after a change: $answer, new worker: ", var_export($pid2 !== $pid1, true), "\n";

file_put_contents($handler, '<?php return fn($m) => ;');
$log = $server->waitForLog('has an error');
[$answer, $pid] = explode(' ', ask($server, 'x'));
echo "after a syntax error: $answer, same worker: ", var_export($pid === $pid2, true), "\n";

// The start file itself runs in the master: a reload cannot apply it, and the log says so.
$script = "$server->dir/server.php";
file_put_contents($script, file_get_contents($script));
$server->waitForLog('changed, reloading', 10, 2);

file_put_contents($handler, '<?php return fn($m) => "v3:$m";');
$server->waitForLog('changed, reloading', 10, 3);
[$answer] = answerFrom($server, 'v3:');
echo "after the fix: $answer\n";
[$code] = $server->command(['stop']);
echo "stop exit $code\n";

foreach ($server->logMessages() as $line) {
    if (!str_contains($line, '--watch')) continue;
    $line = str_replace($server->dir, 'DIR', $line);
    echo preg_replace('/on line \d+/', 'on line N', $line), "\n";
}
?>
--EXPECTF--
before: v1:x
after a change: v2:x, new worker: true
after a syntax error: v2:x, same worker: true
after the fix: v3:x
stop exit 0
Surge[server.php] --watch: DIR/app/handler.php changed, reloading
Surge[server.php] --watch: DIR/app/handler.php has an error, the workers keep running the code they have; fix it and save again: %sarse error:%ssyntax error, unexpected token ";" in DIR/app/handler.php on line N
Surge[server.php] --watch: DIR/server.php was loaded before Worker::runAll(), which a reload does not repeat: restart the server to apply it
Surge[server.php] --watch: DIR/server.php changed, reloading
Surge[server.php] --watch: DIR/app/handler.php changed, reloading
