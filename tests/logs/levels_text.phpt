--TEST--
Logs: Worker::$logLevel drops lower levels; the text format keeps Worker::log() lines as they were and tags the other levels, with the context as JSON
--FILE--
<?php
require __DIR__ . '/logs.inc';
$server = TestServer::start(<<<'PHP'
use Surge\Log;
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
$w->onWorkerStart = function () {
    Worker::log('plain');
    Log::info('info with context', ['id' => 7, 'name' => "a\"b"]);
    Log::notice('a notice');
    Log::debug('a debug line');
    Worker::log('levels: ' . json_encode([Log::enabled('debug'), Log::enabled('info')]));
    Worker::$logLevel = 'warning';
    Worker::log('info is now dropped');
    Log::notice('notice is now dropped');
    Log::warning('a warning', ['k' => ['x' => 1]]);
    Log::error('an error');
    Worker::$logLevel = 'debug';
    Log::debug('debug is now kept');
    try {
        Log::log('verbose', 'x');
    } catch (ValueError $e) {
        Worker::log(get_class($e) . ': ' . $e->getMessage());
    }
    Worker::log('done');
};
Worker::runAll();
PHP);
$server->waitForLog('done');
$child = $server->children()[0];
foreach (file_lines($server->dir . '/server.log') as $line) {
    if (!preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d pid:(\d+) (.*)$/', $line, $m)) {
        echo "bad line: $line\n";
        continue;
    }
    if ((int)$m[1] === $child) echo $m[2], "\n";
}
var_dump($server->stop());

// A wrong setting stops runAll() with a message that says what to write.
$bad = TestServer::start(<<<'PHP'
Worker::$logFormat = 'xml';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$bad->wait();
echo preg_match("/Surge\\\\Worker::\\\$logFormat is 'xml'; set it to 'text' or 'json'/", $bad->output()) ? "format refused\n" : $bad->output();
$bad = TestServer::start(<<<'PHP'
Worker::$logLevel = 'trace';
$w = new Worker('text://127.0.0.1:' . TEST_PORT);
Worker::runAll();
PHP, ['start'], ['wait' => false]);
$bad->wait();
echo str_contains($bad->output(), "\$logLevel is 'trace'; set it to 'debug', 'info', 'notice', 'warning' or 'error'") ? "level refused\n" : $bad->output();
?>
--EXPECT--
plain
info with context {"id":7,"name":"a\"b"}
[notice] a notice
levels: [false,true]
[warning] a warning {"k":{"x":1}}
[error] an error
[debug] debug is now kept
ValueError: Surge\Log::log(): Argument #1 ($level) must be 'debug', 'info', 'notice', 'warning' or 'error', 'verbose' given
done
int(0)
format refused
level refused
