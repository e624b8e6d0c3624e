#!/usr/bin/env bash
# Task round trips per second through the pool (bench/task_roundtrip.php), with 1 and 2
# task processes; the whole server tree pinned to CPUs 0-1 (`SERVER_CPUS`). Medians of REPS.
#   SURGE_EXT=/path/to/surge.so bash bench/run_tasks.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ext=${SURGE_EXT:-$root/modules/surge.so}
php=${PHP:-php}
reps=${REPS:-3}
cpus=${SERVER_CPUS:-0-1}
export TASK_SECONDS=${TASK_SECONDS:-5} TASK_WARMUP=${TASK_WARMUP:-1}
export TASK_INFLIGHT=${TASK_INFLIGHT:-16} TASK_PAYLOAD=${TASK_PAYLOAD:-16}
echo "| task processes | in flight | payload B | tasks/s (median of $reps) | runs | errors |"
echo "|---:|---:|---:|---:|---|---:|"
for count in 1 2; do
  runs=()
  errors=0
  for ((r = 0; r < reps; r++)); do
    tmp=$(mktemp -d)
    BENCH_TMP=$tmp TASK_COUNT=$count taskset -c "$cpus" "$php" -n -d extension="$ext" \
      -d extension=posix "$root/bench/task_roundtrip.php" start >/dev/null 2>&1 || true
    line=$(cat "$tmp/result" 2>/dev/null || echo "tasks_per_s=0 errors=-1")
    runs+=("$(sed -E 's/.*tasks_per_s=([0-9]+).*/\1/' <<<"$line")")
    e=$(sed -E 's/.*errors=(-?[0-9]+).*/\1/' <<<"$line")
    errors=$((errors > e ? errors : e))
    rm -rf "$tmp"
  done
  median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(((reps + 1) / 2))p")
  echo "| $count | $TASK_INFLIGHT | $TASK_PAYLOAD | $median | ${runs[*]} | $errors |"
done
