#!/usr/bin/env bash
# run_websocket.sh - WebSocket benchmark (issue 4 §7):
#   echo      ws-echo round trips over CONNS connections against the Text echo in the
#             same run (bench/surge_ws_echo.php and bench/surge_text_echo.php, count = 1),
#             with the server's user and system CPU per round trip
#   idle      VmRSS per idle WebSocket connection (IDLE_CONNS connections that did the
#             handshake and one round trip)
#   broadcast one BCAST_PAYLOAD-byte message to BCAST_CONNS connections with
#             Worker::broadcast(), BCAST_ROUNDS times: the server's CPU inside
#             broadcast() and the time until every client has the message
#
# Usage: bash bench/run_websocket.sh [--write]
#   --write  replace the "## WebSocket" section of bench/RESULTS.md
#
# Environment overrides (defaults in brackets):
#   SURGE_EXT [$repo/modules/surge.so]  PHP [php]
#   DURATION [10]  WARMUP [2]  REPS [3]  CONNS [100]  PAYLOAD [16]
#   IDLE_CONNS [10000]  BCAST_CONNS [10000]  BCAST_ROUNDS [20]  BCAST_PAYLOAD [100]
#   SERVER_CPU [0]  CLIENT_CPU [1]
#
# Method: as run_text_echo.sh. The server is pinned to SERVER_CPU, the load generator
# to CLIENT_CPU. Per repetition and server (interleaved text, ws, text, ws, ...): start
# the server, warm up with a separate loadgen run, snapshot the CPU time of the
# server's process tree (utime/stime of /proc/<pid>/stat for the server pid and all
# descendants, plus cutime/cstime), run the measured echo load, snapshot again, stop
# the server. The broadcast's server CPU is measured inside the server with getrusage()
# around each broadcast() call (frames of 100 bytes leave within the call: the sockets
# have room), averaged over the rounds; the time until every client has it is measured
# by the load generator from sending the trigger to reading the last copy (it reads
# 10,000 sockets on one core, so that time includes its own work).

set -euo pipefail

CMD_ENV=""
for v in SURGE_EXT PHP DURATION WARMUP REPS CONNS PAYLOAD IDLE_CONNS BCAST_CONNS BCAST_ROUNDS BCAST_PAYLOAD SERVER_CPU CLIENT_CPU; do
    if [[ -n ${!v+x} ]]; then CMD_ENV+="$v=${!v} "; fi
done
CMD_LINE="${CMD_ENV}bash bench/run_websocket.sh${*:+ $*}"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
REPS=${REPS:-3}
CONNS=${CONNS:-100}
PAYLOAD=${PAYLOAD:-16}
IDLE_CONNS=${IDLE_CONNS:-10000}
BCAST_CONNS=${BCAST_CONNS:-10000}
BCAST_ROUNDS=${BCAST_ROUNDS:-20}
BCAST_PAYLOAD=${BCAST_PAYLOAD:-100}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}

LOADGEN_SRC=$REPO/bench/loadgen.cc
LOADGEN=$REPO/build/bench/loadgen
RESULTS_MD=$REPO/bench/RESULTS.md
CLK_TCK=$(getconf CLK_TCK)

WRITE=0
for arg in "$@"; do
    case $arg in
        --write) WRITE=1 ;;
        -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

TMP=$(mktemp -d /tmp/surge-bench-ws.XXXXXX)
STARTED_PIDS=()      # servers started by this script
IDLE_LG_PID=""       # idle-mode loadgen, if running
IDLE_FIFO_FD=""      # write end of its stdin
NEXT_PORT=$((20000 + RANDOM % 10000))   # below the ephemeral port range

# ---------------------------------------------------------------- helpers ---

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Value of key=value in a loadgen output line: kv KEY LINE
kv() { awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' <<<"$2"; }

# Floating point arithmetic: calc 'EXPR' (awk syntax; parenthesize comparisons)
calc() { awk "BEGIN { printf \"%.10g\", $1 }"; }

alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

tree_pids() {
    local child
    echo "$1"
    for child in $(pgrep -P "$1" || true); do tree_pids "$child"; done
}

# Sum of CPU ticks of the given pids: prints "USER_TICKS SYS_TICKS" (utime+cutime, stime+cstime).
cpu_ticks() {
    local pid stat user=0 sys=0 f
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }
        read -r -a f <<<"$stat"
        user=$((user + f[11] + f[13]))
        sys=$((sys + f[12] + f[14]))
    done
    echo "$user $sys"
}

vmrss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

next_port() {
    while (exec 3<>"/dev/tcp/127.0.0.1/$NEXT_PORT") 2>/dev/null; do NEXT_PORT=$((NEXT_PORT + 1)); done
    PORT=$NEXT_PORT
    NEXT_PORT=$((NEXT_PORT + 1))
}

build_loadgen() {
    if [[ ! -x $LOADGEN || $LOADGEN_SRC -nt $LOADGEN ]]; then
        log "compiling $LOADGEN"
        mkdir -p "$(dirname "$LOADGEN")"
        g++ -O2 -std=c++20 -o "$LOADGEN" "$LOADGEN_SRC"
    fi
}

# start_server text|ws PORT -> sets SERVER_PID (the master)
start_server() {
    local kind=$1 port=$2 dir="$TMP/$1-$2" script
    mkdir -p "$dir"
    script=surge_text_echo
    [[ $kind == ws ]] && script=surge_ws_echo
    BENCH_PORT=$port BENCH_TMP=$dir env --default-signal=INT,QUIT taskset -c "$SERVER_CPU" \
        "$PHP" -n -d "extension=$SURGE_EXT" "$REPO/bench/$script.php" start -q \
        >"$dir/server.log" 2>&1 </dev/null &
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    local i
    for ((i = 0; i < 100; i++)); do
        alive "$SERVER_PID" || { tail -n 20 "$dir/server.log" >&2; die "$kind server exited during startup (log: $dir/server.log)"; }
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    ((i < 100)) || die "$kind server not accepting on port $port after 10 s (log: $dir/server.log)"
    for ((i = 0; i < 50; i++)); do
        pgrep -P "$SERVER_PID" >/dev/null && return 0
        sleep 0.1
    done
    log "WARNING: master $SERVER_PID accepts connections but has no child process"
}

stop_server() {
    local master=$1 pids p i left
    pids=$(tree_pids "$master")
    kill -TERM "$master" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        left=0
        for p in $pids; do alive "$p" && left=1; done
        ((left)) || break
        sleep 0.1
    done
    for p in $pids; do
        if alive "$p"; then log "pid $p did not exit after SIGTERM, sending SIGKILL"; kill -KILL "$p" 2>/dev/null || true; fi
    done
    wait "$master" 2>/dev/null || true
    local keep=()
    for p in "${STARTED_PIDS[@]}"; do [[ $p == "$master" ]] || keep+=("$p"); done
    STARTED_PIDS=(${keep[@]+"${keep[@]}"})
}

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    if [[ -n $IDLE_FIFO_FD ]]; then exec {IDLE_FIFO_FD}>&- || true; fi
    if [[ -n $IDLE_LG_PID ]]; then kill "$IDLE_LG_PID" 2>/dev/null || true; wait "$IDLE_LG_PID" 2>/dev/null || true; fi
    for pid in ${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}; do
        if alive "$pid"; then stop_server "$pid"; fi
    done
    if ((rc == 0)); then rm -rf "$TMP"; else log "exit status $rc; logs kept in $TMP"; fi
    exit "$rc"
}

loadgen() {
    taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 "$@"
}

# The worker process of the server just started (its only child), else the master.
worker_pid() {
    local workers
    workers=$(pgrep -P "$SERVER_PID" || true)
    if [[ -z $workers ]]; then echo "$SERVER_PID"; else head -n 1 <<<"$workers"; fi
}

# measured_run KIND REP PORT: warmup run, CPU snapshot, measured run, CPU snapshot;
# appends one row to $TMP/runs.tsv and logs it.
measured_run() {
    local kind=$1 rep=$2 port=$3 mode=echo args line before after t0 t1
    [[ $kind == ws ]] && mode=ws-echo
    args=(--port "$port" --connections "$CONNS" --payload-size "$PAYLOAD" --mode "$mode")
    if [[ $WARMUP != 0 ]]; then
        loadgen "${args[@]}" --duration "$WARMUP" --warmup 0 >/dev/null || die "$kind warmup failed"
    fi
    # shellcheck disable=SC2046
    read -r -a before <<<"$(cpu_ticks $(tree_pids "$SERVER_PID"))"
    t0=$(date +%s.%N)
    line=$(loadgen "${args[@]}" --duration "$DURATION" --warmup 0) || die "$kind run failed: $line"
    t1=$(date +%s.%N)
    # shellcheck disable=SC2046
    read -r -a after <<<"$(cpu_ticks $(tree_pids "$SERVER_PID"))"

    local rt rps user_s sys_s user_us sys_us cpu_pct errors
    rt=$(kv round_trips "$line")
    rps=$(kv rps "$line")
    errors=$(kv errors "$line")
    ((rt > 0)) || die "$kind: no round trips: $line"
    user_s=$(calc "(${after[0]} - ${before[0]}) / $CLK_TCK")
    sys_s=$(calc "(${after[1]} - ${before[1]}) / $CLK_TCK")
    user_us=$(calc "$user_s * 1e6 / $rt")
    sys_us=$(calc "$sys_s * 1e6 / $rt")
    cpu_pct=$(calc "($user_s + $sys_s) * 100 / ($t1 - $t0)")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$rep" "$rps" "$user_us" "$sys_us" \
        "$cpu_pct" "$(kv p50_us "$line")" "$(kv p99_us "$line")" "$errors" "$(kv client_cpu_pct "$line")" >>"$TMP/runs.tsv"
    log "$(printf '%-4s rep %s: rps=%s user=%.3f us/rt sys=%.3f us/rt server_cpu=%.0f%% client_cpu=%s%% p50=%sus p99=%sus errors=%s' \
        "$kind" "$rep" "$rps" "$user_us" "$sys_us" "$cpu_pct" "$(kv client_cpu_pct "$line")" \
        "$(kv p50_us "$line")" "$(kv p99_us "$line")" "$errors")"
    ((errors == 0)) || log "WARNING: $kind rep $rep had $errors errors"
}

# VmRSS of the ws worker before/after IDLE_CONNS idle WebSocket connections.
idle_memory() {
    local port master worker rss0 rss1 out="$TMP/idle.out" fifo="$TMP/idle.fifo" i n
    next_port
    port=$PORT
    start_server ws "$port"
    master=$SERVER_PID
    worker=$(worker_pid)
    loadgen --port "$port" --connections 10 --duration 1 --mode ws-echo >/dev/null || die "idle warmup failed"
    sleep 0.5
    rss0=$(vmrss_kb "$worker")
    mkfifo "$fifo"
    taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 --port "$port" --connections "$IDLE_CONNS" \
        --payload-size "$PAYLOAD" --mode ws-idle --duration 600 <"$fifo" >"$out" 2>"$TMP/idle.err" &
    IDLE_LG_PID=$!
    exec {IDLE_FIFO_FD}>"$fifo"
    for ((i = 0; i < 1200; i++)); do
        grep -qx READY "$out" 2>/dev/null && break
        alive "$IDLE_LG_PID" || { cat "$TMP/idle.err" >&2; die "idle loadgen exited before READY"; }
        sleep 0.1
    done
    grep -qx READY "$out" || die "idle loadgen not READY after 120 s"
    sleep 0.5
    rss1=$(vmrss_kb "$worker")
    n=$(kv idle_connections "$(grep '^idle_connections=' "$out")")
    alive "$worker" || die "surge worker $worker died during the idle test"
    exec {IDLE_FIFO_FD}>&-
    IDLE_FIFO_FD=""
    wait "$IDLE_LG_PID" || true
    IDLE_LG_PID=""
    stop_server "$master"
    ((n > 0)) || die "idle test: no connection established"
    ((n == IDLE_CONNS)) || log "WARNING: only $n of $IDLE_CONNS idle connections were established"
    IDLE_BYTES=$(calc "($rss1 - $rss0) * 1024 / $n")
    IDLE_RESULT="Idle WebSocket connections (worker VmRSS): ${rss0} kB before, ${rss1} kB with $n connections that did the handshake and one round trip → **$(printf '%.0f' "$IDLE_BYTES") bytes/connection** (user-space RSS only; kernel socket buffers not included)."
    log "idle: rss ${rss0} kB -> ${rss1} kB with $n connections: $(printf '%.0f' "$IDLE_BYTES") bytes/connection"
}

# BCAST_ROUNDS broadcasts of BCAST_PAYLOAD bytes to BCAST_CONNS connections.
broadcast_run() {
    local port line
    next_port
    port=$PORT
    start_server ws "$port"
    line=$(loadgen --port "$port" --connections "$BCAST_CONNS" --payload-size "$BCAST_PAYLOAD" \
        --mode ws-broadcast --rounds "$BCAST_ROUNDS" --connect-timeout 120) || die "broadcast run failed: $line"
    stop_server "$SERVER_PID"
    BCAST_LINE=$line
    BCAST_USER=$(kv server_user_us "$line")
    BCAST_SYS=$(kv server_sys_us "$line")
    BCAST_CPU_MS=$(calc "($BCAST_USER + $BCAST_SYS) / 1000")
    log "broadcast: $line"
    [[ $(kv reached_min "$line") == "$(kv connections "$line")" ]] || log "WARNING: a broadcast did not reach every connection"
    [[ $(kv errors "$line") == 0 ]] || log "WARNING: broadcast run had errors"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# med KIND COLUMN: median of a runs.tsv column
# (3 rps, 4 user us/rt, 5 sys us/rt, 6 server cpu%, 7 p50, 8 p99, 9 errors, 10 client cpu%)
med() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$TMP/runs.tsv" | median; }

fmt() { [[ -n $2 ]] && printf "$1" "$2" || printf '—'; }

ratio() { if [[ -n $1 && -n $2 ]]; then printf '%.2f' "$(calc "$1 / $2")"; else printf '—'; fi; }

# verdict A OP B: "met" if A OP B (numbers), else "not met"
verdict() { [[ -n $1 && -n $3 ]] || { printf '—'; return; }; [[ $(calc "($1 $2 $3)") == 1 ]] && printf 'met' || printf '**not met**'; }

report() {
    local kind
    echo "## WebSocket"
    echo
    echo "Command: \`$CMD_LINE\`  "
    echo "Date: $(date -u)  "
    echo "Machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr); PHP $("$PHP" -n -r 'echo PHP_VERSION;') (\`php -n\`)  "
    echo "Tree: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' + uncommitted changes')  "
    echo "Load: $CONNS connections, $PAYLOAD-byte messages (a text line, or a masked text frame and its unmasked echo); server on CPU $SERVER_CPU, loadgen on CPU $CLIENT_CPU; each run ${DURATION} s after a separate ${WARMUP} s warmup; medians of $REPS interleaved repetitions."
    echo
    echo "| server | rps | user µs/rt | sys µs/rt | server CPU % | client CPU % | p50 µs | p99 µs | errors (max) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for kind in text ws; do
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$([[ $kind == ws ]] && echo 'websocket echo' || echo 'text echo')" \
            "$(fmt %.0f "$(med $kind 3)")" "$(fmt %.3f "$(med $kind 4)")" "$(fmt %.3f "$(med $kind 5)")" \
            "$(fmt %.0f "$(med $kind 6)")" "$(fmt %.0f "$(med $kind 10)")" \
            "$(fmt %.0f "$(med $kind 7)")" "$(fmt %.0f "$(med $kind 8)")" \
            "$(awk -F'\t' -v k=$kind '$1 == k && $9 > m { m = $9 } END { print m + 0 }' "$TMP/runs.tsv")"
    done
    echo
    echo "$IDLE_RESULT"
    echo
    echo "Broadcast: $BCAST_ROUNDS × one $BCAST_PAYLOAD-byte message to $(kv connections "$BCAST_LINE") connections: server CPU inside \`broadcast()\` **$(printf '%.1f' "$BCAST_CPU_MS") ms** per broadcast (user $(printf '%.0f' "$BCAST_USER") µs, sys $(printf '%.0f' "$BCAST_SYS") µs, means; the split of such short intervals is sampled, the sum is exact); every client had it after $(kv p50_ms "$BCAST_LINE") ms (median; max $(kv max_ms "$BCAST_LINE") ms; includes the load generator reading every socket on its one core)."
    echo
    echo "| goal (issue 4 §7) | result | verdict |"
    echo "|---|---:|---|"
    echo "| user CPU per echo round trip ≤ 2.5 µs | $(fmt %.3f "$(med ws 4)") µs | $(verdict "$(med ws 4)" '<=' 2.5) |"
    echo "| echo round trips/s ≥ 90 % of the Text echo's | ×$(ratio "$(med ws 3)" "$(med text 3)") | $(verdict "$(med ws 3)" '>=' "$(calc "0.9 * $(med text 3)")") |"
    echo "| RSS per idle WebSocket connection ≤ 1,000 bytes | $(printf '%.0f' "$IDLE_BYTES") bytes | $(verdict "$IDLE_BYTES" '<=' 1000) |"
    local bcast_verdict="not measured (fewer than 10,000 connections)"
    (($(kv connections "$BCAST_LINE") >= 10000)) && bcast_verdict=$(verdict "$BCAST_CPU_MS" '<' 20)
    echo "| broadcast to 10,000 connections < 20 ms of server CPU | $(printf '%.1f' "$BCAST_CPU_MS") ms ($(kv connections "$BCAST_LINE") connections) | $bcast_verdict |"
    echo
    echo "µs/rt = server CPU seconds (whole process tree) / round trips. Over loopback TCP the sender's CPU also does the receiver's packet processing, so sys time includes part of the client's network stack work (alike for both servers); a broadcast's sys time is mostly the kernel delivering $(kv connections "$BCAST_LINE") TCP segments."
    echo
    echo "<details><summary>All runs</summary>"
    echo
    echo "| server | rep | rps | user µs/rt | sys µs/rt | server CPU % | client CPU % | p50 µs | p99 µs | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %s | %.0f | %.3f | %.3f | %.0f | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $10, $7, $8, $9 }' "$TMP/runs.tsv"
    echo
    echo "Broadcast loadgen: \`$BCAST_LINE\`"
    echo
    echo "</details>"
}

write_results() {
    local section=$1 new="$RESULTS_MD.tmp"
    [[ -f $RESULTS_MD ]] || echo "# Surge benchmark results" >"$RESULTS_MD"
    SECTION_TEXT=$section awk '
        /^## / { if (skip) skip = 0; if ($0 == "## WebSocket") { print ENVIRON["SECTION_TEXT"]; print ""; done = 1; skip = 1; next } }
        !skip { print }
        END { if (!done) { print ""; print ENVIRON["SECTION_TEXT"] } }
    ' "$RESULTS_MD" >"$new"
    mv "$new" "$RESULTS_MD"
    log "wrote the \"## WebSocket\" section of $RESULTS_MD"
}

# ------------------------------------------------------------------- main ---

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$REPO"
[[ -f $SURGE_EXT ]] || die "$SURGE_EXT not found: build the extension first"
"$PHP" -n -d "extension=$SURGE_EXT" -r 'exit(class_exists("Surge\\Protocols\\Websocket") ? 0 : 1);' ||
    die "$SURGE_EXT has no WebSocket support"
build_loadgen

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
for v in IDLE_CONNS BCAST_CONNS; do
    if [[ $NOFILE != unlimited ]] && ((NOFILE < ${!v} + 100)); then
        log "WARNING: open-file limit is $NOFILE; reducing $v from ${!v} to $((NOFILE - 100))"
        printf -v "$v" '%d' $((NOFILE - 100))
    fi
done

: >"$TMP/runs.tsv"
log "websocket: $CONNS connections, ${DURATION}s runs (+${WARMUP}s warmup), $REPS reps; idle $IDLE_CONNS; broadcast to $BCAST_CONNS x $BCAST_ROUNDS"
for ((rep = 1; rep <= REPS; rep++)); do
    for kind in text ws; do
        next_port
        start_server "$kind" "$PORT"
        measured_run "$kind" "$rep" "$PORT"
        stop_server "$SERVER_PID"
    done
done

idle_memory
broadcast_run

SECTION=$(report)
echo
echo "$SECTION"
((WRITE)) && write_results "$SECTION"
exit 0
