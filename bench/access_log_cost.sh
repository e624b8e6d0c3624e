#!/usr/bin/env bash
# access_log_cost.sh - what the HTTP access log costs: req/s of the hello server
# (bench/surge_http_hello.php, one worker) without an access log and with each format,
# interleaved in the same run, server on SERVER_CPU and wrk on CLIENT_CPU; medians of REPS.
#
# Usage: SURGE_EXT=/path/to/release/surge.so bash bench/access_log_cost.sh
# Environment: PHP [php] WRK [wrk] SECONDS_PER_RUN [10] REPS [3] CONNS [100]
#   SERVER_CPU [0] CLIENT_CPU [1]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
WRK=${WRK:-wrk}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
SECS=${SECONDS_PER_RUN:-10}
REPS=${REPS:-3}
CONNS=${CONNS:-100}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
TMP=$(mktemp -d /tmp/access-log-cost.XXXXXX)
SERVER_PID=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

run_one() {  # $1: "" (off) or a format; prints req/s
    local port
    port=$($PHP -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')
    rm -f "$TMP/access.log"
    BENCH_PORT=$port BENCH_TMP=$TMP BENCH_ACCESS_LOG=$1 taskset -c "$SERVER_CPU" \
        $PHP -n -d extension="$SURGE_EXT" "$REPO/bench/surge_http_hello.php" start -q >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -s "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
        sleep 0.05
    done
    taskset -c "$CLIENT_CPU" "$WRK" -t1 -c"$CONNS" -d2s "http://127.0.0.1:$port/" >/dev/null
    taskset -c "$CLIENT_CPU" "$WRK" -t1 -c"$CONNS" -d"${SECS}s" "http://127.0.0.1:$port/" \
        | awk '/Requests\/sec/ {print $2}'
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

configs=("" combined json)
declare -A results
for ((r = 0; r < REPS; r++)); do
    for ((k = 0; k < ${#configs[@]}; k++)); do
        c=${configs[$(((k + r) % ${#configs[@]}))]}
        results[${c:-off}]+="$(run_one "$c") "
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| access log | req/s (median) | runs |"
echo "|---|---:|---|"
for c in off combined json; do
    echo "| $c | $(echo "${results[$c]}" | median) | ${results[$c]} |"
done
