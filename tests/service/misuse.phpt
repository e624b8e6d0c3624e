--TEST--
Service: wrong options throw exceptions that say what to write instead; nothing is declared by a failed constructor
--FILE--
<?php
use Surge\Service;
function attempt(string $what, callable $fn) {
    try {
        $fn();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
attempt('string command', fn() => new Service('a', ['command' => '/bin/echo hi']));
attempt('no command', fn() => new Service('a', ['env' => []]));
attempt('empty command', fn() => new Service('a', ['command' => []]));
attempt('map command', fn() => new Service('a', ['command' => ['x' => '/bin/true']]));
attempt('array argument', fn() => new Service('a', ['command' => ['/bin/echo', []]]));
attempt('unknown option', fn() => new Service('a', ['command' => ['/bin/true'], 'restart_sec' => 1]));
attempt('numeric option', fn() => new Service('a', [['/bin/true']]));
attempt('bad restart', fn() => new Service('a', ['command' => ['/bin/true'], 'restart' => 'sometimes']));
attempt('bad env', fn() => new Service('a', ['command' => ['/bin/true'], 'env' => ['A=B' => 'c']]));
attempt('env list', fn() => new Service('a', ['command' => ['/bin/true'], 'env' => ['A=B']]));
attempt('bad cwd', fn() => new Service('a', ['command' => ['/bin/true'], 'cwd' => 5]));
attempt('bad backoff key', fn() => new Service('a', ['command' => ['/bin/true'], 'backoff' => ['start' => 1]]));
attempt('negative backoff', fn() => new Service('a', ['command' => ['/bin/true'], 'backoff' => ['initial' => -1]]));
attempt('max below initial', fn() => new Service('a', ['command' => ['/bin/true'], 'backoff' => ['initial' => 5, 'max' => 1]]));
attempt('bad stopTimeout', fn() => new Service('a', ['command' => ['/bin/true'], 'stopTimeout' => 'soon']));
attempt('bad name', fn() => new Service('my service', ['command' => ['/bin/true']]));
attempt('empty name', fn() => new Service('', ['command' => ['/bin/true']]));
attempt('options type', fn() => new Service('a', '/bin/true'));
$ok = new Service('a', ['command' => ['/bin/true', 1], 'env' => ['N' => 2], 'restart' => 'never',
    'backoff' => ['initial' => 1, 'max' => 2.5, 'reset' => 0], 'stopTimeout' => 0.5, 'cwd' => '/']);
echo "declared: {$ok->name}\n";
attempt('readonly name', function () use ($ok) { $ok->name = 'b'; });
attempt('duplicate', fn() => new Service('a', ['command' => ['/bin/true']]));
?>
--EXPECT--
string command: InvalidArgumentException: Surge\Service 'a': 'command' must be an array of the program and its arguments, run without a shell, e.g. ['/usr/bin/php', 'queue.php']; for shell syntax write ['/bin/sh', '-c', '...']
no command: InvalidArgumentException: Surge\Service 'a': the 'command' option is required, e.g. ['command' => ['/usr/bin/php', 'queue.php']]
empty command: InvalidArgumentException: Surge\Service 'a': 'command' must be a non-empty array, e.g. ['/usr/bin/php', 'queue.php']
map command: InvalidArgumentException: Surge\Service 'a': 'command' must be a list (keys 0, 1, ...) of strings
array argument: InvalidArgumentException: Surge\Service 'a': every element of 'command' must be a string
unknown option: InvalidArgumentException: Surge\Service 'a': unknown option 'restart_sec'; options are command (array, required), env, cwd, restart, backoff, stopTimeout
numeric option: InvalidArgumentException: Surge\Service 'a': unknown option '0'; options are command (array, required), env, cwd, restart, backoff, stopTimeout
bad restart: InvalidArgumentException: Surge\Service 'a': 'restart' must be 'always', 'on-failure' or 'never'
bad env: InvalidArgumentException: Surge\Service 'a': 'env' keys must be variable names (no '=', not numeric), e.g. ['APP_ENV' => 'prod']
env list: InvalidArgumentException: Surge\Service 'a': 'env' keys must be variable names (no '=', not numeric), e.g. ['APP_ENV' => 'prod']
bad cwd: InvalidArgumentException: Surge\Service 'a': 'cwd' must be a directory path (string)
bad backoff key: InvalidArgumentException: Surge\Service 'a': unknown 'backoff' key 'start': use initial, max and reset, e.g. ['initial' => 0.1, 'max' => 10, 'reset' => 10] (seconds)
negative backoff: InvalidArgumentException: Surge\Service 'a': 'backoff' initial must be a number of seconds >= 0, e.g. ['initial' => 0.1, 'max' => 10, 'reset' => 10] (seconds)
max below initial: InvalidArgumentException: Surge\Service 'a': 'backoff' max must not be less than initial, e.g. ['initial' => 0.1, 'max' => 10, 'reset' => 10] (seconds)
bad stopTimeout: InvalidArgumentException: Surge\Service 'a': 'stopTimeout' must be a number of seconds >= 0
bad name: InvalidArgumentException: Surge\Service: the name must be 1 to 64 letters, digits, '_', '.' or '-' (it appears in the log and in status), got 'my service'
empty name: InvalidArgumentException: Surge\Service: the name must be 1 to 64 letters, digits, '_', '.' or '-' (it appears in the log and in status), got ''
options type: TypeError: Surge\Service::__construct(): Argument #2 ($options) must be of type array, string given
declared: a
readonly name: Error: Cannot modify readonly property Surge\Service::$name
duplicate: RuntimeException: Surge\Service 'a' is declared twice: give each service its own name
