#!/usr/bin/env bash
# jobs_bench.sh - durable jobs on Redis Streams: push rate (plain script, inside a worker)
# and end-to-end consume rate (1 and 2 consumer processes, jobConcurrency 1 and 16,
# empty handler).
#
# Usage: bash bench/jobs_bench.sh [--write]
#   --write  replace the "## Jobs on Redis Streams" section of bench/RESULTS.md
# Environment: SURGE_EXT [$repo/modules/surge.so]  JOBS [20000]  REPS [3]
#
# A redis-server (no persistence) is started on a free port for the run and stopped after.
# Each measurement is repeated REPS times; the median is reported. Not pinned: Redis, the
# consumers and the driver share the 2 CPUs, as they would on one small host.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
JOBS=${JOBS:-20000}
REPS=${REPS:-3}
export SURGE_EXT
port=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning >/dev/null &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null; wait $redis_pid 2>/dev/null || true' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done

out=$(mktemp)
for rep in $(seq 1 "$REPS"); do
  php -d extension="$SURGE_EXT" "$REPO/bench/jobs_bench.php" "$port" "$JOBS" 1 2 1x16 2x16 | sed "s/^{/{\"rep\":$rep,/" >>"$out"
done
table=$(php -r '
$rows = array_map(fn($l) => json_decode($l, true), array_filter(file($argv[1], FILE_IGNORE_NEW_LINES)));
$by = [];
foreach ($rows as $r) $by[$r["measure"]][] = $r["jobs_per_s"];
echo "| measurement | jobs/s (median) | runs |\n|---|---:|---|\n";
foreach ($by as $m => $v) { sort($v); echo "| $m | ", $v[intdiv(count($v), 2)], " | ", implode(", ", $v), " |\n"; }
' "$out")
rm -f "$out"
echo "$table"
if [ "${1:-}" = "--write" ]; then
  cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  section="## Jobs on Redis Streams

Command: \`JOBS=$JOBS REPS=$REPS bash bench/jobs_bench.sh --write\`  
Date: $(date -u)  
Machine: $(nproc) CPUs, $cpu, Linux $(uname -r); PHP $(php -r 'echo PHP_VERSION;'); redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') (no persistence, loopback)  
Tree: $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- src ext || echo ' (+ uncommitted changes)')  
Load: $JOBS jobs of a small integer payload per measurement; push (script) = one blocking \`Surge\\Jobs::push()\` round trip each; push (worker) = \`push()\` in \`onWorkerStart\` until Redis holds them all (asynchronous, pipelined); consume = jobs already queued, time from the consumers being ready until the stream is empty (each job read with XREADGROUP, run by an empty \`onMessage\`, acknowledged with XACK+XDEL in one script call). jobConcurrency 1 (the default: one job read per XREADGROUP) and 16 (up to 16 read ahead per process). Not pinned: Redis, consumers and driver share the CPUs.

$table
"
  php -r '
$file = $argv[1]; $section = $argv[2];
$text = file_get_contents($file);
$re = "/^## Jobs on Redis Streams\n.*?(?=^## |\\z)/ms";
$text = preg_match($re, $text) ? preg_replace($re, str_replace(["\\\\", "$"], ["\\\\\\\\", "\\\\$"], $section) . "\n", $text) : rtrim($text) . "\n\n" . $section;
file_put_contents($file, $text);
' "$REPO/bench/RESULTS.md" "$section"
fi
