#!/usr/bin/env bash
# run_text_echo.sh - text (newline-delimited) echo benchmark:
#   floor = bench/floor_echo.php (plain PHP, stream_select)
#   surge = bench/surge_text_echo.php (Surge\Worker, count = 1)
#
# Usage: bash bench/run_text_echo.sh [--write]
#   --write  replace the "## Text echo" section of bench/RESULTS.md
#
# Environment overrides (defaults in brackets):
#   SURGE_EXT [$repo/modules/surge.so]  PHP [php]
#   DURATION [10]  WARMUP [2]  REPS [3]  CONNS [100]  DEPTH [16]  PAYLOAD [16]
#   IDLE_CONNS [10000]  SERVER_CPU [0]  CLIENT_CPU [1]
#
# Method: the server is pinned to SERVER_CPU, the load generator to CLIENT_CPU.
# Per repetition and server (interleaved floor, surge, floor, surge, ...): start
# the server, warm up with a separate loadgen run, snapshot the CPU time of the
# server's process tree (utime/stime of /proc/<pid>/stat for the server pid and
# all descendants, plus cutime/cstime for reaped children), run the measured
# echo load, snapshot again; the same for pipelined load; stop the server.

set -euo pipefail

# Remember which overrides were given, for the "exact command" line.
CMD_ENV=""
for v in SURGE_EXT PHP DURATION WARMUP REPS CONNS DEPTH PAYLOAD IDLE_CONNS SERVER_CPU CLIENT_CPU; do
    if [[ -n ${!v+x} ]]; then CMD_ENV+="$v=${!v} "; fi
done
CMD_LINE="${CMD_ENV}bash bench/run_text_echo.sh${*:+ $*}"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
REPS=${REPS:-3}
CONNS=${CONNS:-100}
DEPTH=${DEPTH:-16}
PAYLOAD=${PAYLOAD:-16}
IDLE_CONNS=${IDLE_CONNS:-10000}
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
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done

TMP=$(mktemp -d /tmp/surge-bench.XXXXXX)
STARTED_PIDS=()      # servers started by this script
IDLE_LG_PID=""       # idle-mode loadgen, if running
IDLE_FIFO_FD=""      # write end of its stdin
NEXT_PORT=$((20000 + RANDOM % 10000))   # below the ephemeral port range

# ---------------------------------------------------------------- helpers ---

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Value of key=value in a loadgen output line: kv KEY LINE
kv() { awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' <<<"$2"; }

# Floating point arithmetic: calc 'EXPR' (awk syntax)
calc() { awk "BEGIN { printf \"%.10g\", $1 }"; }

# True if the process exists and is not a zombie.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# The pid and all its descendants, one per line.
tree_pids() {
    local child
    echo "$1"
    for child in $(pgrep -P "$1" || true); do tree_pids "$child"; done
}

# Sum of CPU ticks of the given pids: prints "USER_TICKS SYS_TICKS".
# utime/stime are fields 14/15 of /proc/<pid>/stat, cutime/cstime (16/17: reaped
# children, e.g. a worker that died and was restarted) are included as well.
cpu_ticks() {
    local pid stat user=0 sys=0 f
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }            # drop "pid (comm) ", comm may contain spaces
        read -r -a f <<<"$stat"      # f[0] is field 3 (state)
        user=$((user + f[11] + f[13]))
        sys=$((sys + f[12] + f[14]))
    done
    echo "$user $sys"
}

vmrss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Sets PORT to a port nobody listens on; every server start gets a fresh port.
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

# start_server floor|surge PORT -> sets SERVER_PID (the master for surge)
# Background jobs of a non-interactive bash start with SIGINT/SIGQUIT ignored;
# `env --default-signal` restores them, so a master that stops its workers with
# SIGINT (as Workerman does) behaves as when started from a terminal.
start_server() {
    local kind=$1 port=$2 dir="$TMP/$1-$2"
    mkdir -p "$dir"
    case $kind in
        floor)
            env --default-signal=INT,QUIT taskset -c "$SERVER_CPU" "$PHP" -n "$REPO/bench/floor_echo.php" "$port" \
                >"$dir/server.log" 2>&1 </dev/null &
            ;;
        surge)
            BENCH_PORT=$port BENCH_TMP=$dir env --default-signal=INT,QUIT taskset -c "$SERVER_CPU" \
                "$PHP" -n -d "extension=$SURGE_EXT" "$REPO/bench/surge_text_echo.php" start -q \
                >"$dir/server.log" 2>&1 </dev/null &
            ;;
    esac
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    wait_accepting "$kind" "$port" "$dir"
}

# Wait until the port accepts connections (and, for surge, a worker exists).
# If the started surge process exits (it daemonized itself), the master pid is
# taken from the pid file.
wait_accepting() {
    local kind=$1 port=$2 dir=$3 pf="$3/surge_text_echo.pid" i
    for ((i = 0; i < 100; i++)); do
        if ! alive "$SERVER_PID"; then
            if [[ $kind == surge && -s $pf ]] && alive "$(cat "$pf")"; then
                log "surge: started process exited, using the master pid from $pf"
                wait "$SERVER_PID" 2>/dev/null || true
                SERVER_PID=$(cat "$pf")
                STARTED_PIDS+=("$SERVER_PID")
            elif [[ $kind != surge ]] || ((i >= 30)); then
                tail -n 20 "$dir/server.log" >&2 || true
                die "$kind server exited during startup (log: $dir/server.log)"
            fi
        elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    if ((i == 100)); then
        tail -n 20 "$dir/server.log" >&2 || true
        die "$kind server not accepting on port $port after 10 s (log: $dir/server.log)"
    fi
    [[ $kind == surge ]] || return 0
    for ((i = 0; i < 50; i++)); do
        pgrep -P "$SERVER_PID" >/dev/null && return 0
        sleep 0.1
    done
    log "WARNING: surge master $SERVER_PID accepts connections but has no child process"
}

# Stop a server and all its descendants: SIGTERM to the master, then SIGKILL
# whatever is still alive after 10 s.
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

# Run the load generator pinned to CLIENT_CPU; prints its result line.
loadgen() {
    taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 "$@"
}

# measured_run KIND REP MODE PORT: warmup run, CPU snapshot, measured run,
# CPU snapshot; appends one row to $TMP/runs.tsv and logs it.
measured_run() {
    local kind=$1 rep=$2 mode=$3 port=$4 args line before after t0 t1
    args=(--port "$port" --connections "$CONNS" --payload-size "$PAYLOAD" --mode "$mode" --depth "$DEPTH")
    if [[ $WARMUP != 0 ]]; then
        loadgen "${args[@]}" --duration "$WARMUP" --warmup 0 >/dev/null || die "$kind $mode warmup failed"
    fi
    # shellcheck disable=SC2046  # one pid per word
    read -r -a before <<<"$(cpu_ticks $(tree_pids "$SERVER_PID"))"
    t0=$(date +%s.%N)
    line=$(loadgen "${args[@]}" --duration "$DURATION" --warmup 0) || die "$kind $mode run failed: $line"
    t1=$(date +%s.%N)
    # shellcheck disable=SC2046
    read -r -a after <<<"$(cpu_ticks $(tree_pids "$SERVER_PID"))"

    local rt rps user_s sys_s user_us sys_us cpu_pct errors label
    rt=$(kv round_trips "$line")
    rps=$(kv rps "$line")
    errors=$(kv errors "$line")
    ((rt > 0)) || die "$kind $mode: no round trips: $line"
    user_s=$(calc "(${after[0]} - ${before[0]}) / $CLK_TCK")
    sys_s=$(calc "(${after[1]} - ${before[1]}) / $CLK_TCK")
    user_us=$(calc "$user_s * 1e6 / $rt")
    sys_us=$(calc "$sys_s * 1e6 / $rt")
    cpu_pct=$(calc "($user_s + $sys_s) * 100 / ($t1 - $t0)")
    label=$mode
    [[ $mode == pipeline ]] && label="pipeline$DEPTH"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$label" "$rep" "$rps" "$user_us" "$sys_us" \
        "$cpu_pct" "$(kv p50_us "$line")" "$(kv p99_us "$line")" "$errors" "$(kv client_cpu_pct "$line")" >>"$TMP/runs.tsv"
    log "$(printf '%-5s %-10s rep %s: rps=%s user=%.3f us/rt sys=%.3f us/rt server_cpu=%.0f%% client_cpu=%s%% p50=%sus p99=%sus errors=%s' \
        "$kind" "$label" "$rep" "$rps" "$user_us" "$sys_us" "$cpu_pct" "$(kv client_cpu_pct "$line")" \
        "$(kv p50_us "$line")" "$(kv p99_us "$line")" "$errors")"
    ((errors == 0)) || log "WARNING: $kind $label rep $rep had $errors errors"
}

# Idle memory: VmRSS of the surge worker before/after IDLE_CONNS idle connections.
# Sets IDLE_RESULT (markdown text).
idle_memory() {
    local port master worker workers rss0 rss1 out="$TMP/idle.out" fifo="$TMP/idle.fifo" i n
    next_port
    port=$PORT
    start_server surge "$port"
    master=$SERVER_PID
    workers=$(pgrep -P "$master" || true)
    if [[ -z $workers ]]; then
        log "WARNING: surge master $master has no child process; measuring the master"
        worker=$master
    else
        worker=$(head -n 1 <<<"$workers")
        (($(wc -l <<<"$workers") == 1)) || log "WARNING: surge master has several children ($(echo $workers)); measuring $worker"
    fi
    # Let one-time initialisation happen before the baseline.
    loadgen --port "$port" --connections 10 --duration 1 --mode echo >/dev/null || die "idle warmup failed"
    sleep 0.5
    rss0=$(vmrss_kb "$worker")

    mkfifo "$fifo"
    # Not via the loadgen function: $! must be the loadgen process itself.
    taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 --port "$port" --connections "$IDLE_CONNS" \
        --payload-size "$PAYLOAD" --mode idle --duration 600 <"$fifo" >"$out" 2>"$TMP/idle.err" &
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
    IDLE_RESULT="Idle connections (surge worker VmRSS): ${rss0} kB before, ${rss1} kB with $n idle connections → **$(printf '%.0f' "$IDLE_BYTES") bytes/connection** (user-space RSS only; kernel socket buffers not included)."
    log "idle: rss ${rss0} kB -> ${rss1} kB with $n connections: $(printf '%.0f' "$IDLE_BYTES") bytes/connection"
}

# Median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# med KIND LABEL COLUMN: median of a runs.tsv column
# (4 rps, 5 user us/rt, 6 sys us/rt, 7 server cpu%, 8 p50, 9 p99, 10 errors, 11 client cpu%)
med() { awk -F'\t' -v k="$1" -v l="$2" -v c="$3" '$1 == k && $2 == l { print $c }' "$TMP/runs.tsv" | median; }

fmt() { [[ -n $2 ]] && printf "$1" "$2" || printf '—'; }

ratio() { if [[ -n $1 && -n $2 ]]; then printf '%.2f' "$(calc "$1 / $2")"; else printf '—'; fi; }

# The markdown section (printed and, with --write, stored in RESULTS.md).
report() {
    local kind label
    echo "## Text echo"
    echo
    echo "Command: \`$CMD_LINE\`  "
    echo "Date: $(date -u)  "
    echo "Machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr); PHP $("$PHP" -n -r 'echo PHP_VERSION;') (\`php -n\`)  "
    echo "Tree: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' + uncommitted changes')  "
    echo "Load: $CONNS connections, $PAYLOAD-byte lines; server on CPU $SERVER_CPU, loadgen on CPU $CLIENT_CPU; each run ${DURATION} s after a separate ${WARMUP} s warmup; medians of $REPS interleaved repetitions; pipelined = $DEPTH lines per write (rps counts lines)."
    echo
    echo "| server | load | rps | user µs/rt | sys µs/rt | server CPU % | client CPU % | p50 µs | p99 µs | errors (max) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for label in echo "pipeline$DEPTH"; do
        for kind in floor surge; do
            if [[ $kind == surge && -n $SURGE_SKIPPED ]]; then
                echo "| surge | $label | skipped: $SURGE_SKIPPED | | | | | | | |"
                continue
            fi
            printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$label" \
                "$(fmt %.0f "$(med $kind $label 4)")" "$(fmt %.3f "$(med $kind $label 5)")" \
                "$(fmt %.3f "$(med $kind $label 6)")" "$(fmt %.0f "$(med $kind $label 7)")" \
                "$(fmt %.0f "$(med $kind $label 11)")" \
                "$(fmt %.0f "$(med $kind $label 8)")" "$(fmt %.0f "$(med $kind $label 9)")" \
                "$(awk -F'\t' -v k=$kind -v l=$label '$1 == k && $2 == l && $10 > m { m = $10 } END { print m + 0 }' "$TMP/runs.tsv")"
        done
    done
    echo
    echo "µs/rt = server CPU seconds (whole process tree) / round trips. Server CPU % below ~95 or client CPU % near 100 means the load generator, not the server, limited rps; compare µs/rt then. Over loopback TCP the sender's CPU also does the receiver's packet processing, so sys µs/rt includes part of the client's network stack work (alike for both servers)."
    echo
    if [[ -z $SURGE_SKIPPED ]]; then
        echo "Surge/floor (medians): echo rps ×$(ratio "$(med surge echo 4)" "$(med floor echo 4)"), echo user µs/rt ×$(ratio "$(med surge echo 5)" "$(med floor echo 5)"); pipelined rps ×$(ratio "$(med surge pipeline$DEPTH 4)" "$(med floor pipeline$DEPTH 4)"), pipelined user µs/rt ×$(ratio "$(med surge pipeline$DEPTH 5)" "$(med floor pipeline$DEPTH 5)")."
        echo
        echo "$IDLE_RESULT"
    else
        echo "Surge skipped: $SURGE_SKIPPED. No ratios, no idle-memory result."
    fi
    echo
    echo "<details><summary>All runs</summary>"
    echo
    echo "| server | load | rep | rps | user µs/rt | sys µs/rt | server CPU % | client CPU % | p50 µs | p99 µs | errors |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %s | %s | %.0f | %.3f | %.3f | %.0f | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $11, $8, $9, $10 }' "$TMP/runs.tsv"
    echo
    echo "</details>"
}

# Replace (or append) the "## Text echo" section of RESULTS.md.
write_results() {
    local section=$1 new="$RESULTS_MD.tmp"
    if [[ ! -f $RESULTS_MD ]]; then
        cat >"$RESULTS_MD" <<'EOF'
# Surge benchmark results

Produced by the scripts in `bench/` (see `bench/README.md`). Method: the server
process tree is pinned to one CPU and the load generator (`bench/loadgen.cc`) to
another with `taskset`; every configuration is run several times, interleaved
with the reference server so that machine noise hits both alike, and the median
is reported. Server CPU time is read from `/proc/<pid>/stat` (utime, stime, plus
cutime/cstime) for the server pid and all its descendants before and after each
measured run (warmup runs excluded) and divided by the number of round trips.
The "floor" is `bench/floor_echo.php`, a plain-PHP `stream_select` server.
EOF
    fi
    SECTION_TEXT=$section awk '
        /^## / { if (skip) skip = 0; if ($0 == "## Text echo") { print ENVIRON["SECTION_TEXT"]; print ""; done = 1; skip = 1; next } }
        !skip { print }
        END { if (!done) { print ""; print ENVIRON["SECTION_TEXT"] } }
    ' "$RESULTS_MD" >"$new"
    mv "$new" "$RESULTS_MD"
    log "wrote the \"## Text echo\" section of $RESULTS_MD"
}

# ------------------------------------------------------------------- main ---

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$REPO"
build_loadgen

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
if [[ $NOFILE != unlimited ]] && ((NOFILE < IDLE_CONNS + 100)); then
    log "WARNING: open-file limit is $NOFILE; reducing IDLE_CONNS from $IDLE_CONNS to $((NOFILE - 100))"
    IDLE_CONNS=$((NOFILE - 100))
fi

SURGE_SKIPPED=""
if [[ ! -f $SURGE_EXT ]]; then
    SURGE_SKIPPED="$SURGE_EXT not found"
    log "SKIPPING surge: $SURGE_EXT not found (build the extension first); running the floor only"
fi
SERVERS=(floor)
[[ -z $SURGE_SKIPPED ]] && SERVERS+=(surge)

: >"$TMP/runs.tsv"
log "text echo: $CONNS connections, ${DURATION}s runs (+${WARMUP}s warmup), $REPS reps, servers: ${SERVERS[*]}"
for ((rep = 1; rep <= REPS; rep++)); do
    for kind in "${SERVERS[@]}"; do
        next_port
        start_server "$kind" "$PORT"
        measured_run "$kind" "$rep" echo "$PORT"
        measured_run "$kind" "$rep" pipeline "$PORT"
        stop_server "$SERVER_PID"
    done
done

IDLE_RESULT=""
[[ -z $SURGE_SKIPPED ]] && idle_memory

SECTION=$(report)
echo
echo "$SECTION"
((WRITE)) && write_results "$SECTION"
exit 0
