#!/usr/bin/env bash
# Surge\Table vs Swoole\Table in the same run: ops/s per operation for 1 and 2 processes
# (medians of REPEAT runs, each process pinned with taskset) and memory per row.
#   SURGE_SO=/path/surge.so SWOOLE_SO=/path/swoole.so bash bench/table_bench.sh [rows] [passes] [repeat]
# Use a release build of surge (./configure --enable-surge, no debug). Without SWOOLE_SO
# only Surge is measured. Hold /tmp/surge-build.lock while it runs on a shared machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-100000}
passes=${2:-5}
repeat=${3:-5}
surge=${SURGE_SO:?set SURGE_SO to a release build of surge.so}
swoole=${SWOOLE_SO:-}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

run() {  # impl so procs cpus
  taskset -c "$4" php -n -d "extension=$2" -d memory_limit=1G "$here/table_bench.php" "$1" "$3" "$rows" "$passes"
}

for r in $(seq "$repeat"); do
  for impl in surge swoole; do
    so=$surge
    if [ $impl = swoole ]; then
      [ -n "$swoole" ] || continue
      so=$swoole
    fi
    run $impl "$so" 1 1 >>"$out"
    run $impl "$so" 2 0,1 >>"$out"
  done
done

php -r '
$lines = file($argv[1], FILE_IGNORE_NEW_LINES);
$ops = []; $mem = [];
foreach ($lines as $l) {
    $f = explode(" ", $l);
    if (count($f) !== 4) continue;
    if ($f[1] === "mem") { $mem[$f[0]] = [$f[2], $f[3]]; continue; }
    $ops["$f[2]|$f[1]"][$f[0]][] = (float)$f[3];
}
$median = function (array $v) { sort($v); return $v[intdiv(count($v), 2)]; };
printf("%-10s %5s %14s %14s %8s\n", "op", "procs", "surge ops/s", "swoole ops/s", "ratio");
foreach ($ops as $k => $byImpl) {
    [$op, $procs] = explode("|", $k);
    $s = $median($byImpl["surge"]);
    $w = isset($byImpl["swoole"]) ? $median($byImpl["swoole"]) : null;
    printf("%-10s %5s %14.0f %14s %8s\n", $op, $procs, $s, $w === null ? "-" : sprintf("%.0f", $w), $w ? sprintf("%.2f", $s / $w) : "-");
}
foreach ($mem as $impl => [$perRow, $fit]) printf("%s: %s bytes of shared memory per row asked for, %s of %d asked-for rows fit (%.1f bytes per row that fits)\n", $impl, $perRow, $fit, $argv[2], $perRow * $argv[2] / max(1, $fit));
' "$out" "$rows"
