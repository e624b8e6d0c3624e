#!/usr/bin/env bash
# workerman_compat.sh - the same Workerman 5 application (bench/workerman_app.php: HTTP hello,
# WebSocket echo, text echo) run by Workerman itself and by Surge with surge.workerman=1,
# side by side in one run.
#
# Usage: WORKERMAN_SRC=/path/workerman/src COROUTINE_SRC=/path/coroutine/src \
#        bash bench/workerman_compat.sh [--seconds N]
#   WORKERMAN_SRC  walkor/workerman's src/ (5.x), COROUTINE_SRC workerman/coroutine's src/
#                  (e.g. `git archive` of the two repositories); nothing is downloaded.
# Environment (defaults in brackets): SURGE_EXT [$repo/modules/surge.so: use a release
#   build], PHP [php], WRK [wrk], REPS [3], CONNS [100], SERVER_CPU [0], CLIENT_CPU [1]
#
# Both servers run with `php -n` (Workerman adds -d extension=posix, which it requires;
# neither has opcache, Workerman uses its default Select loop: ext-event is not installed).
# One worker process each, pinned to SERVER_CPU; the load (wrk -t1 for HTTP, loadgen for
# the echoes, CONNS connections each) on CLIENT_CPU. Per repetition and load both servers
# run, alternating which goes first; each measured run follows a 2 s warmup. The worker
# process's utime/stime (/proc/<pid>/stat) before and after gives CPU per operation.
# Medians of REPS repetitions.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
WRK=${WRK:-wrk}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
REPS=${REPS:-3}
CONNS=${CONNS:-100}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SECONDS_RUN=10
[[ ${1:-} == --seconds ]] && SECONDS_RUN=$2
: "${WORKERMAN_SRC:?set WORKERMAN_SRC to walkor/workerman's src/ folder}"
: "${COROUTINE_SRC:?set COROUTINE_SRC to workerman/coroutine's src/ folder}"
LOADGEN=$REPO/build/bench/loadgen
if [[ ! -x $LOADGEN || $REPO/bench/loadgen.cc -nt $LOADGEN ]]; then
    mkdir -p "$(dirname "$LOADGEN")"
    g++ -O2 -std=c++20 -o "$LOADGEN" "$REPO/bench/loadgen.cc"
fi
CLK_TCK=$(getconf CLK_TCK)
TMP=$(mktemp -d)
SERVER_PGID=""
cleanup() { [[ -n $SERVER_PGID ]] && kill -9 -- "-$SERVER_PGID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { "$PHP" -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'; }
cpu_ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }

# start_server SERVER KIND PORT: starts it in its own process group; sets WORKER_PID.
start_server() {
    local server=$1 kind=$2 port=$3 dir=$TMP/$1-$2
    mkdir -p "$dir"
    local cmd=("$PHP" -n)
    if [[ $server == workerman ]]; then cmd+=(-d extension=posix); else cmd+=(-d "extension=$SURGE_EXT" -d surge.workerman=1); fi
    BENCH_AUTOLOAD=$REPO/bench/workerman_autoload.php BENCH_KIND=$kind BENCH_PORT=$port BENCH_TMP=$dir \
        WORKERMAN_SRC=$WORKERMAN_SRC COROUTINE_SRC=$COROUTINE_SRC \
        setsid taskset -c "$SERVER_CPU" "${cmd[@]}" "$REPO/bench/workerman_app.php" start >"$dir/out" 2>&1 &
    SERVER_PGID=$!
    for _ in $(seq 100); do
        local master
        master=$(cat "$dir/bench.pid" 2>/dev/null || true)
        if [[ -n $master ]]; then
            WORKER_PID=$(pgrep -P "$master" | head -1 || true)
            if [[ -n $WORKER_PID ]] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        fi
        sleep 0.1
    done
    echo "$server $kind did not start:" >&2; cat "$dir/out" >&2; exit 1
}
stop_server() { kill -9 -- "-$SERVER_PGID" 2>/dev/null || true; wait "$SERVER_PGID" 2>/dev/null || true; SERVER_PGID=""; }

# load KIND PORT SECONDS: prints "operations"
load() {
    local kind=$1 port=$2 secs=$3
    if [[ $kind == http ]]; then
        taskset -c "$CLIENT_CPU" "$WRK" -t1 -c"$CONNS" -d"${secs}s" "http://127.0.0.1:$port/" |
            awk '/requests in/ {print $1}'
    else
        local mode=echo; [[ $kind == ws ]] && mode=ws-echo
        taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 --port "$port" --connections "$CONNS" \
            --duration "$secs" --mode "$mode" | sed -n 's/.*round_trips=\([0-9]*\).*/\1/p'
    fi
}

declare -A RESULTS
for rep in $(seq "$REPS"); do
    for kind in http ws text; do
        order=(workerman surge); (( rep % 2 == 0 )) && order=(surge workerman)
        for server in "${order[@]}"; do
            port=$(free_port)
            start_server "$server" "$kind" "$port"
            load "$kind" "$port" 2 >/dev/null
            read -r u0 s0 < <(cpu_ticks "$WORKER_PID")
            ops=$(load "$kind" "$port" "$SECONDS_RUN")
            read -r u1 s1 < <(cpu_ticks "$WORKER_PID")
            stop_server
            RESULTS[$server,$kind]+="$ops $(( u1 - u0 )) $(( s1 - s0 ));"
            echo "rep $rep $kind $server: $ops operations, user $(( u1 - u0 )) sys $(( s1 - s0 )) ticks" >&2
        done
    done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "| load | server | ops/s | user µs/op | sys µs/op | ops/s vs Workerman | user CPU vs Workerman |"
echo "|---|---|---:|---:|---:|---:|---:|"
for kind in http ws text; do
    declare -A row=()
    for server in workerman surge; do
        IFS=';' read -ra runs <<<"${RESULTS[$server,$kind]}"
        rate=$(for r in "${runs[@]}"; do set -- $r; echo "$1 / $SECONDS_RUN" | bc -l; done | median)
        user=$(for r in "${runs[@]}"; do set -- $r; echo "$2 * 1000000 / $CLK_TCK / $1" | bc -l; done | median)
        sys=$(for r in "${runs[@]}"; do set -- $r; echo "$3 * 1000000 / $CLK_TCK / $1" | bc -l; done | median)
        row[$server]="$rate $user $sys"
    done
    read -r wr wu _ <<<"${row[workerman]}"
    for server in workerman surge; do
        read -r r u s <<<"${row[$server]}"
        label=$kind; [[ $kind == http ]] && label="HTTP hello (keep-alive)"; [[ $kind == ws ]] && label="WebSocket echo"; [[ $kind == text ]] && label="text echo"
        printf "| %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n" "$label" "$server" "$r" "$u" "$s" \
            "$(echo "$r / $wr" | bc -l)" "$(echo "$u / $wu" | bc -l)"
    done
done
