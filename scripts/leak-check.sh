#!/usr/bin/env bash
# Runs a Surge server under valgrind (master and forked workers), drives real traffic
# through it (echo, pipelined lines, oversized input, an exception in onMessage, timers,
# abrupt disconnects), stops it with SIGTERM, and fails if valgrind saw a memory error or
# a definite leak in any process. `bash scripts/leak-check.sh` repeats it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ext=${SURGE_EXT:-$root/modules/surge.so}
work=$(mktemp -d /tmp/surge-leak.XXXXXX)
trap 'pkill -KILL -f "$work/server.php" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);')

cat >"$work/server.php" <<PHP
<?php
use Surge\Worker;
use Surge\Timer;
Worker::\$pidFile = '$work/server.pid';
Worker::\$logFile = '$work/server.log';
\$w = new Worker('text://127.0.0.1:$port');
\$w->count = 2;
\$w->onWorkerStart = function () {
    Timer::add(0.01, function () {});
    \$once = Timer::add(0.02, function () {}, [], false);
};
\$w->onConnect = function (\$c) { \$c->tag = str_repeat('x', 100); };
\$w->onMessage = function (\$c, \$line) {
    if (\$line === 'boom') { throw new RuntimeException('boom'); }
    if (\$line === 'bye') { \$c->close("bye\n", true); return; }
    \$c->send(\$line);
};
\$w->onClose = function (\$c) {};
Worker::runAll();
PHP

USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 valgrind -q --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --log-file="$work/vg.%p.log" \
  php -n -d extension="$ext" "$work/server.php" start -q >"$work/server.out" 2>&1 &
master=$!

php -n -r '
$port = (int)$argv[1];
$deadline = microtime(true) + 60;
do { $s = @stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 1); } while (!$s && microtime(true) < $deadline && !usleep(100000));
if (!$s) { fwrite(STDERR, "server did not start\n"); exit(1); }
stream_set_timeout($s, 30);
$fail = 0;
for ($i = 0; $i < 20; $i++) { fwrite($s, "line $i\n"); if (fgets($s) !== "line $i\n") $fail++; }
fwrite($s, implode("", array_map(fn($i) => "p$i\n", range(1, 50))));
for ($i = 1; $i <= 50; $i++) { if (fgets($s) !== "p$i\n") $fail++; }
fwrite($s, "bye\n"); if (fgets($s) !== "bye\n") $fail++;
fclose($s);
for ($k = 0; $k < 10; $k++) {
    $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 10);
    stream_set_timeout($c, 30);
    fwrite($c, $k % 3 == 0 ? "boom\n" : ($k % 3 == 1 ? "half a line" : "x$k\n"));
    if ($k % 3 == 2 && fgets($c) !== "x$k\n") $fail++;
    fclose($c);
}
$big = stream_socket_client("tcp://127.0.0.1:$port", $e, $es, 10);
stream_set_timeout($big, 30);
@fwrite($big, str_repeat("a", 11 * 1024 * 1024));
fclose($big);
usleep(500000);
if ($fail) { fwrite(STDERR, "$fail wrong answers\n"); exit(1); }
echo "traffic done\n";
' "$port"

kill -TERM "$master"
for _ in $(seq 1 600); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
wait "$master" || true

status=0
logs=("$work"/vg.*.log)
echo "valgrind logs: ${#logs[@]} processes"
for log in "${logs[@]}"; do
  if [ -s "$log" ]; then
    echo "---- $log" >&2
    cat "$log" >&2
    status=1
  fi
done
[ ${#logs[@]} -ge 3 ] || { echo "expected the master and at least two workers under valgrind" >&2; status=1; }
grep -q "threw RuntimeException: boom" "$work/server.log" || { echo "exception was not logged" >&2; status=1; }
[ $status -eq 0 ] && echo "no memory errors, no definite leaks"
exit $status
