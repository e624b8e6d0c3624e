#!/usr/bin/env bash
# run_http.sh - HTTP benchmark, Surge against nginx in the same run:
#   nginx = bench/nginx_hello.conf (1 worker process, `return 200 'Hello, World!'`)
#   surge = bench/surge_http_hello.php (Surge\Worker("http://..."), count = 1)
#
# Usage: bash bench/run_http.sh [--write] [--seconds N]
#   --write      replace (or append) the "## HTTP" section of bench/RESULTS.md
#   --seconds N  length of each measured wrk run (default 10)
#
# Environment overrides (defaults in brackets):
#   SURGE_EXT [$repo/modules/surge.so]  PHP [php]  NGINX [nginx]  WRK [wrk]
#   WARMUP [2; 1 when --seconds < 4]  REPS [3]  CONNS [100]  DEPTH [16]
#   C10K_CONNS [10000]  IDLE_CONNS [10000]  UPLOAD_MB [100]
#   SERVER_CPU [0]  CLIENT_CPU [1]
#
# Method: the server (master and worker) is pinned to SERVER_CPU, the client
# (wrk, curl, loadgen) to CLIENT_CPU. Per repetition both servers run, in
# alternating order (nginx first in odd repetitions, surge first in even ones);
# each gets a fresh port and goes through the wrk loads keepalive (CONNS
# keep-alive connections), close (`Connection: close`, one request per
# connection), pipeline16 (bench/pipeline16.lua: DEPTH requests per write),
# 1mb (GET /1mb, a 1 MB response) and c10k (C10K_CONNS keep-alive connections),
# each after a separate warmup run, then one UPLOAD_MB upload with curl. The
# CPU time of the worker process(es) - the master's children, not the master -
# is read from /proc/<pid>/stat (utime, stime) just before and after each
# measured run. Medians over the repetitions are reported. Then, once per
# server, a fresh server gets IDLE_CONNS keep-alive connections that each made
# one request (build/bench/loadgen --mode http-idle) and the worker's VmRSS
# before/after gives the memory per idle connection.

set -euo pipefail

# Remember which overrides were given, for the "exact command" line.
CMD_ENV=""
for v in SURGE_EXT PHP NGINX WRK WARMUP REPS CONNS DEPTH C10K_CONNS IDLE_CONNS UPLOAD_MB SERVER_CPU CLIENT_CPU; do
    if [[ -n ${!v+x} ]]; then CMD_ENV+="$v=${!v} "; fi
done
CMD_LINE="${CMD_ENV}bash bench/run_http.sh${*:+ $*}"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
NGINX=${NGINX:-nginx}
WRK=${WRK:-wrk}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
DURATION=10
REPS=${REPS:-3}
CONNS=${CONNS:-100}
DEPTH=${DEPTH:-16}
C10K_CONNS=${C10K_CONNS:-10000}
IDLE_CONNS=${IDLE_CONNS:-10000}
UPLOAD_MB=${UPLOAD_MB:-100}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}

LOADGEN_SRC=$REPO/bench/loadgen.cc
LOADGEN=$REPO/build/bench/loadgen
RESULTS_MD=$REPO/bench/RESULTS.md
SECTION_TITLE="## HTTP"
CLK_TCK=$(getconf CLK_TCK)
MODES=(keepalive close "pipeline$DEPTH" 1mb c10k)

WRITE=0
while (($#)); do
    case $1 in
        --write) WRITE=1 ;;
        --seconds)
            [[ ${2:-} =~ ^[0-9]+$ && $2 -gt 0 ]] || { echo "--seconds needs a positive integer" >&2; exit 2; }
            DURATION=$2
            shift
            ;;
        --seconds=*)
            DURATION=${1#--seconds=}
            [[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || { echo "--seconds needs a positive integer" >&2; exit 2; }
            ;;
        -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ -z ${WARMUP+x} ]]; then
    WARMUP=2
    ((DURATION >= 4)) || WARMUP=1
fi

TMP=$(mktemp -d /tmp/surge-bench-http.XXXXXX)
STARTED_PIDS=()      # server masters started by this script
IDLE_LG_PID=""       # http-idle loadgen, if running
IDLE_FIFO_FD=""      # write end of its stdin
NEXT_PORT=$((20000 + RANDOM % 10000))   # below the ephemeral port range

# ---------------------------------------------------------------- helpers ---

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

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

# The worker process(es): the master's children, space separated.
worker_pids() { pgrep -P "$1" | tr '\n' ' ' || true; }

# Sum of utime/stime (fields 14/15 of /proc/<pid>/stat) of the given pids:
# prints "USER_TICKS SYS_TICKS".
cpu_ticks() {
    local pid stat user=0 sys=0 f
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        stat=${stat##*) }            # drop "pid (comm) ", comm may contain spaces
        read -r -a f <<<"$stat"      # f[0] is field 3 (state)
        user=$((user + f[11]))
        sys=$((sys + f[12]))
    done
    echo "$user $sys"
}

# Busy ticks of the whole machine (all CPUs) from /proc/stat: everything but
# idle and iowait.
machine_busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# Sum of a /proc/<pid>/status field (kB) over the given pids: status_kb FIELD PID...
status_kb() {
    local field=$1 pid sum=0 v
    shift
    for pid in "$@"; do
        v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null) || v=0
        sum=$((sum + ${v:-0}))
    done
    echo "$sum"
}

# children_cpu VAR: sets VAR to the CPU seconds (user + system) of this shell's
# reaped children, from `times` (which must run in this shell, not in a
# $(...) subshell, whose children are not ours).
children_cpu() {
    times >"$TMP/times"
    printf -v "$1" '%s' "$(awk 'END { n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); n += a[1] * 60 + a[2] } printf "%.3f", n }' "$TMP/times")"
}

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

# start_server nginx|surge PORT -> sets SERVER_PID (the master) and SERVER_DIR.
# Background jobs of a non-interactive bash start with SIGINT/SIGQUIT ignored;
# `env --default-signal` restores them (Workerman-style masters stop their
# workers with SIGINT; nginx's graceful stop is SIGQUIT).
start_server() {
    local kind=$1 port=$2 dir="$TMP/$1-$2"
    mkdir -p "$dir"
    case $kind in
        nginx)
            # When started as root the nginx worker runs as "nobody": it needs
            # to traverse the scratch directories and read the 1 MB file.
            chmod 755 "$dir"
            ln "$TMP/1mb" "$dir/1mb"
            sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" "$REPO/bench/nginx_hello.conf" >"$dir/nginx.conf"
            env --default-signal=INT,QUIT taskset -c "$SERVER_CPU" \
                "$NGINX" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
                >"$dir/server.log" 2>&1 </dev/null &
            ;;
        surge)
            BENCH_PORT=$port BENCH_TMP=$dir env --default-signal=INT,QUIT taskset -c "$SERVER_CPU" \
                "$PHP" -n -d "extension=$SURGE_EXT" "$REPO/bench/surge_http_hello.php" start -q \
                >"$dir/server.log" 2>&1 </dev/null &
            ;;
    esac
    SERVER_PID=$!
    SERVER_DIR=$dir
    STARTED_PIDS+=("$SERVER_PID")
    wait_accepting "$kind" "$port" "$dir"
}

server_logs() { tail -n 20 "$1/server.log" "$1"/*.log 2>/dev/null >&2 || true; }

# Wait until the port accepts connections and the master has a worker child.
# If the started surge process exits (it daemonized itself), the master pid is
# taken from the pid file.
wait_accepting() {
    local kind=$1 port=$2 dir=$3 pf="$3/surge_http_hello.pid" i
    for ((i = 0; i < 100; i++)); do
        if ! alive "$SERVER_PID"; then
            if [[ $kind == surge && -s $pf ]] && alive "$(cat "$pf")"; then
                log "surge: started process exited, using the master pid from $pf"
                wait "$SERVER_PID" 2>/dev/null || true
                SERVER_PID=$(cat "$pf")
                STARTED_PIDS+=("$SERVER_PID")
            elif [[ $kind != surge ]] || ((i >= 30)); then
                server_logs "$dir"
                die "$kind server exited during startup (logs in $dir)"
            fi
        elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    if ((i == 100)); then
        server_logs "$dir"
        die "$kind server not accepting on port $port after 10 s (logs in $dir)"
    fi
    for ((i = 0; i < 50; i++)); do
        [[ -n $(worker_pids "$SERVER_PID") ]] && return 0
        sleep 0.1
    done
    die "$kind master $SERVER_PID accepts connections but has no worker process"
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

# wrk_args MODE PORT: sets WRK_ARGS to the wrk arguments of a load (besides
# -t1, -d and --latency).
wrk_args() {
    local mode=$1 url="http://127.0.0.1:$2"
    case $mode in
        keepalive) WRK_ARGS=(-c "$CONNS" "$url/") ;;
        close) WRK_ARGS=(-c "$CONNS" -H 'Connection: close' "$url/") ;;
        pipeline*) WRK_ARGS=(-c "$CONNS" -s "$REPO/bench/pipeline16.lua" "$url/") ;;
        1mb) WRK_ARGS=(-c "$CONNS" "$url/1mb") ;;
        c10k) WRK_ARGS=(-c "$C10K_CONNS" --timeout 30s "$url/") ;;
    esac
}

# Run wrk pinned to CLIENT_CPU; its output goes to the file $1.
run_wrk() {
    local out=$1
    shift
    # DEPTH is read by pipeline16.lua.
    DEPTH=$DEPTH taskset -c "$CLIENT_CPU" "$WRK" -t1 "$@" >"$out" 2>&1
}

# A wrk latency ("630.00us", "1.61ms", "2.00s", "1.50m") in microseconds.
to_us() {
    awk -v v="$1" 'BEGIN {
        if (v == "") { print ""; exit }
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") f = 1; else if (u == "ms") f = 1e3; else if (u == "s") f = 1e6; else if (u == "m") f = 6e7; else f = 1
        printf "%.0f", n * f }'
}

# A wrk size per second ("14.72MB", "1.02GB", "812.00KB", "100B") in MB/s.
to_mb() {
    awk -v v="$1" 'BEGIN {
        if (v == "") { print ""; exit }
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "B") f = 1 / 1048576; else if (u == "KB") f = 1 / 1024; else if (u == "MB") f = 1; else if (u == "GB") f = 1024; else if (u == "TB") f = 1048576; else f = 1
        printf "%.1f", n * f }'
}

# measured_wrk KIND REP MODE PORT: warmup run, CPU snapshot, measured run (the
# workers' VmRSS sampled at 80 % of it), CPU snapshot; appends one row to
# $TMP/runs.tsv and logs it.
measured_wrk() {
    local kind=$1 rep=$2 mode=$3 port=$4 workers out="$TMP/wrk-$1-$2-$3.out" wpid p
    local -a args before after
    wrk_args "$mode" "$port"
    args=("${WRK_ARGS[@]}")
    workers=$(worker_pids "$SERVER_PID")
    if [[ $WARMUP != 0 ]]; then
        run_wrk "$out" -d "$WARMUP" "${args[@]}" || { cat "$out" >&2; die "$kind $mode warmup failed"; }
    fi
    local c0 c1 t0 t1 rss m0 m1
    # shellcheck disable=SC2086  # one pid per word
    read -r -a before <<<"$(cpu_ticks $workers)"
    children_cpu c0
    m0=$(machine_busy_ticks)
    t0=$(date +%s.%N)
    run_wrk "$out" -d "$DURATION" --latency "${args[@]}" &
    wpid=$!
    sleep "$(calc "$DURATION * 0.8")"
    # shellcheck disable=SC2086
    rss=$(status_kb VmRSS $workers)
    wait "$wpid" || { cat "$out" >&2; die "$kind $mode: wrk failed"; }
    t1=$(date +%s.%N)
    m1=$(machine_busy_ticks)
    children_cpu c1
    # shellcheck disable=SC2086
    read -r -a after <<<"$(cpu_ticks $workers)"
    for p in $workers; do alive "$p" || die "$kind worker $p died during $mode (logs in $SERVER_DIR)"; done

    local reqs rps mbs p50 p99 errors user_us sys_us cpu_pct client_pct other_pct secs
    reqs=$(awk '/ requests in / { print $1; exit }' "$out")
    rps=$(awk '/^Requests\/sec:/ { print $2; exit }' "$out")
    mbs=$(to_mb "$(awk '/^Transfer\/sec:/ { print $2; exit }' "$out")")
    p50=$(to_us "$(awk '$1 == "50%" { print $2; exit }' "$out")")
    p99=$(to_us "$(awk '$1 == "99%" { print $2; exit }' "$out")")
    # Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers.
    errors=$(awk '/Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } /Non-2xx or 3xx responses:/ { n += $NF } END { print n + 0 }' "$out")
    [[ -n $reqs && $reqs -gt 0 ]] || { cat "$out" >&2; die "$kind $mode: no requests completed"; }
    user_us=$(calc "(${after[0]} - ${before[0]}) * 1e6 / $CLK_TCK / $reqs")
    sys_us=$(calc "(${after[1]} - ${before[1]}) * 1e6 / $CLK_TCK / $reqs")
    secs=$(calc "$t1 - $t0")
    cpu_pct=$(calc "(${after[0]} - ${before[0]} + ${after[1]} - ${before[1]}) * 100 / $CLK_TCK / $secs")
    client_pct=$(calc "($c1 - $c0) * 100 / $secs")
    # Whatever else kept the CPUs busy (other processes, interrupts), in % of one CPU.
    other_pct=$(calc "(($m1 - $m0) / $CLK_TCK - ($c1 - $c0)) * 100 / $secs - $cpu_pct")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$mode" "$rep" "$rps" "$mbs" "$user_us" \
        "$sys_us" "$cpu_pct" "$client_pct" "$p50" "$p99" "$rss" "$errors" "$other_pct" >>"$TMP/runs.tsv"
    log "$(printf '%-5s %-10s rep %s: %s req/s %s MB/s user=%.3f us/req sys=%.3f us/req server_cpu=%.0f%% wrk_cpu=%.0f%% other_cpu=%.0f%% p50=%sus p99=%sus rss=%s kB errors=%s' \
        "$kind" "$mode" "$rep" "$rps" "$mbs" "$user_us" "$sys_us" "$cpu_pct" "$client_pct" "$other_pct" "$p50" "$p99" "$rss" "$errors")"
    ((errors == 0)) || log "WARNING: $kind $mode rep $rep had $errors errors (wrk output: $out)"
    [[ $(calc "($other_pct > 25)") == 0 ]] || log "WARNING: other processes used $(printf '%.0f' "$other_pct")% of a CPU during $kind $mode rep $rep: the machine is not quiet"
}

# upload_run KIND REP PORT: POST the UPLOAD_MB file with curl; records the time,
# the worker's CPU and its RSS before and at peak (VmHWM, reset first).
upload_run() {
    local kind=$1 rep=$2 port=$3 workers out="$TMP/upload-$1-$2.out" p rss0 hwm
    local -a before after
    local size=$((UPLOAD_MB * 1048576))
    workers=$(worker_pids "$SERVER_PID")
    for p in $workers; do echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true; done   # VmHWM := VmRSS
    # shellcheck disable=SC2086
    rss0=$(status_kb VmRSS $workers)
    # shellcheck disable=SC2086
    read -r -a before <<<"$(cpu_ticks $workers)"
    local w
    w=$(taskset -c "$CLIENT_CPU" curl -sS -o "$out" -w '%{http_code} %{time_total}' \
        -H 'Content-Type: application/octet-stream' --data-binary "@$TMP/upload.bin" \
        "http://127.0.0.1:$port/upload") || { server_logs "$SERVER_DIR"; die "$kind upload: curl failed"; }
    sleep 0.2   # let the server finish reading (nginx discards the body after answering)
    # shellcheck disable=SC2086
    read -r -a after <<<"$(cpu_ticks $workers)"
    # shellcheck disable=SC2086
    hwm=$(status_kb VmHWM $workers)
    local code=${w%% *} secs=${w#* } answer ok=yes
    answer=$(head -c 100 "$out")
    [[ $code == 200 && $answer == "$size" ]] || ok="no (HTTP $code, body '$answer')"
    local user_ms sys_ms mbs
    user_ms=$(calc "(${after[0]} - ${before[0]}) * 1e3 / $CLK_TCK")
    sys_ms=$(calc "(${after[1]} - ${before[1]}) * 1e3 / $CLK_TCK")
    mbs=$(calc "$UPLOAD_MB / $secs")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$rep" "$secs" "$mbs" "$user_ms" "$sys_ms" "$rss0" "$hwm" "$ok" >>"$TMP/upload.tsv"
    log "$(printf '%-5s upload     rep %s: %s MB in %.3f s (%.0f MB/s) user=%.0f ms sys=%.0f ms rss %s kB -> peak %s kB, answer ok: %s' \
        "$kind" "$rep" "$UPLOAD_MB" "$secs" "$mbs" "$user_ms" "$sys_ms" "$rss0" "$hwm" "$ok")"
}

# idle_memory KIND: VmRSS of the worker before/after IDLE_CONNS idle keep-alive
# connections that each made one request; appends a row to $TMP/idle.tsv.
idle_memory() {
    local kind=$1 port master workers rss0 rss1 out="$TMP/idle-$1.out" fifo="$TMP/idle-$1.fifo" i n bytes
    next_port
    port=$PORT
    start_server "$kind" "$port"
    master=$SERVER_PID
    workers=$(worker_pids "$master")
    # Let one-time initialisation happen before the baseline.
    run_wrk "$TMP/idle-warmup-$kind.out" -c 10 -d 1 "http://127.0.0.1:$port/" || die "$kind idle warmup failed"
    sleep 0.5
    # shellcheck disable=SC2086
    rss0=$(status_kb VmRSS $workers)

    mkfifo "$fifo"
    # Not via a function: $! must be the loadgen process itself.
    taskset -c "$CLIENT_CPU" "$LOADGEN" --host 127.0.0.1 --port "$port" --connections "$IDLE_CONNS" \
        --mode http-idle --duration 600 <"$fifo" >"$out" 2>"$TMP/idle-$kind.err" &
    IDLE_LG_PID=$!
    exec {IDLE_FIFO_FD}>"$fifo"
    for ((i = 0; i < 1200; i++)); do
        grep -qx READY "$out" 2>/dev/null && break
        alive "$IDLE_LG_PID" || { cat "$TMP/idle-$kind.err" >&2; die "idle loadgen exited before READY"; }
        sleep 0.1
    done
    grep -qx READY "$out" || die "idle loadgen not READY after 120 s"
    sleep 0.5
    # shellcheck disable=SC2086
    rss1=$(status_kb VmRSS $workers)
    n=$(awk -F'[= ]' '/^idle_connections=/ { print $2 }' "$out")
    for p in $workers; do alive "$p" || die "$kind worker $p died during the idle test"; done

    exec {IDLE_FIFO_FD}>&-
    IDLE_FIFO_FD=""
    wait "$IDLE_LG_PID" || true
    IDLE_LG_PID=""
    stop_server "$master"

    ((n > 0)) || die "$kind idle test: no connection established"
    ((n == IDLE_CONNS)) || log "WARNING: only $n of $IDLE_CONNS idle connections were established"
    bytes=$(calc "($rss1 - $rss0) * 1024 / $n")
    printf '%s\t%s\t%s\t%s\t%s\n' "$kind" "$rss0" "$rss1" "$n" "$bytes" >>"$TMP/idle.tsv"
    log "$kind idle: rss ${rss0} kB -> ${rss1} kB with $n connections: $(printf '%.0f' "$bytes") bytes/connection"
}

# Median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# med KIND MODE COLUMN: median of a runs.tsv column (4 req/s, 5 MB/s, 6 user
# us/req, 7 sys us/req, 8 server CPU %, 9 wrk CPU %, 10 p50, 11 p99, 12 RSS kB,
# 14 other CPU %)
med() { awk -F'\t' -v k="$1" -v m="$2" -v c="$3" '$1 == k && $2 == m && $c != "" { print $c }' "$TMP/runs.tsv" | median; }
maxerr() { awk -F'\t' -v k="$1" -v m="$2" '$1 == k && $2 == m && $13 > x { x = $13 } END { print x + 0 }' "$TMP/runs.tsv"; }
# umed KIND COLUMN: median of an upload.tsv column (3 s, 4 MB/s, 5 user ms, 6 sys ms, 7 RSS kB, 8 peak kB)
umed() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$TMP/upload.tsv" | median; }

fmt() { [[ -n $2 ]] && printf "$1" "$2" || printf '—'; }
ratio() { if [[ -n $1 && -n $2 ]] && [[ $(calc "($2 != 0)") == 1 ]]; then printf '%.2f' "$(calc "$1 / $2")"; else printf '—'; fi; }
# verdict A OP B: "met" if A OP B (numbers), else "not met"
verdict() { [[ -n $1 && -n $3 ]] || { printf '—'; return; }; [[ $(calc "($1 $2 $3)") == 1 ]] && printf 'met' || printf '**not met**'; }

mode_label() {
    case $1 in
        keepalive) echo "keep-alive, $CONNS conns" ;;
        close) echo "Connection: close, $CONNS conns" ;;
        pipeline*) echo "pipelined ×$DEPTH, $CONNS conns" ;;
        1mb) echo "1 MB response, $CONNS conns" ;;
        c10k) echo "keep-alive, $C10K_CONNS conns" ;;
    esac
}

# The markdown section (printed and, with --write, stored in RESULTS.md).
report() {
    local kind mode servers=(nginx)
    [[ -z $SURGE_SKIPPED ]] && servers+=(surge)
    echo "$SECTION_TITLE"
    echo
    echo "Command: \`$CMD_LINE\`  "
    echo "Date: $(date -u)  "
    echo "Machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr); PHP $("$PHP" -n -r 'echo PHP_VERSION;') (\`php -n\`); $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'); $("$WRK" -v 2>&1 | awk 'NR == 1 { print $1, $2 }'); curl $(curl --version | awk 'NR == 1 { print $2 }')  "
    echo "Tree: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' + uncommitted changes')  "
    echo "Load: servers (1 worker process each: \`bench/surge_http_hello.php\`, \`bench/nginx_hello.conf\`) on CPU $SERVER_CPU, \`wrk -t1\` on CPU $CLIENT_CPU; each run ${DURATION} s after a separate ${WARMUP} s warmup; medians of $REPS repetitions, the two servers interleaved; pipelined = $DEPTH GETs per write (\`bench/pipeline16.lua\`), requests/s count single requests."
    echo
    echo "| server | load | req/s | MB/s | user µs/req | sys µs/req | server CPU % | wrk CPU % | other CPU % | p50 µs | p99 µs | worker RSS kB | errors (max) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for mode in "${MODES[@]}"; do
        for kind in nginx surge; do
            if [[ $kind == surge && -n $SURGE_SKIPPED ]]; then
                echo "| surge | $(mode_label "$mode") | skipped | | | | | | | | | | |"
                continue
            fi
            printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$(mode_label "$mode")" \
                "$(fmt %.0f "$(med $kind "$mode" 4)")" "$(fmt %.1f "$(med $kind "$mode" 5)")" \
                "$(fmt %.3f "$(med $kind "$mode" 6)")" "$(fmt %.3f "$(med $kind "$mode" 7)")" \
                "$(fmt %.0f "$(med $kind "$mode" 8)")" "$(fmt %.0f "$(med $kind "$mode" 9)")" "$(fmt %.0f "$(med $kind "$mode" 14)")" \
                "$(fmt %.0f "$(med $kind "$mode" 10)")" "$(fmt %.0f "$(med $kind "$mode" 11)")" \
                "$(fmt %.0f "$(med $kind "$mode" 12)")" "$(maxerr $kind "$mode")"
        done
    done
    echo
    echo "µs/req = CPU seconds of the worker process (its utime/stime in \`/proc/<pid>/stat\`, the master not included) / requests completed by wrk. Server CPU % well below 100 or wrk CPU % near 100 means wrk, not the server, limited req/s; compare µs/req then. Other CPU % is the machine's busy time (\`/proc/stat\`, both CPUs) minus server and wrk, in % of one CPU (approximate: interrupt time may be counted twice, and the script's own helpers are in it): above ~25 other processes disturbed the run. Over loopback TCP the sender's CPU also does the receiver's packet processing, so sys µs/req includes part of wrk's network stack work (alike for both servers). Worker RSS is sampled at 80 % of the run. wrk's latency percentiles are per request, measured from when its batch was written (pipelined: a p99 of 0 is wrk's histogram, not a measurement)."
    echo
    echo "Upload: one \`curl --data-binary @${UPLOAD_MB}MB-file http://127.0.0.1:PORT/upload\` per repetition (curl sends \`Expect: 100-continue\`). Surge buffers the body and answers its length; nginx (\`return 200 \$content_length\`) reads and discards it."
    echo
    echo "| server | seconds | MB/s | worker user ms | worker sys ms | worker RSS before kB | worker peak RSS (VmHWM) kB | answer correct |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    for kind in "${servers[@]}"; do
        printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$(fmt %.3f "$(umed $kind 3)")" "$(fmt %.0f "$(umed $kind 4)")" \
            "$(fmt %.0f "$(umed $kind 5)")" "$(fmt %.0f "$(umed $kind 6)")" "$(fmt %.0f "$(umed $kind 7)")" \
            "$(fmt %.0f "$(umed $kind 8)")" "$(awk -F'\t' -v k=$kind '$1 == k && $9 != "yes" { bad = bad " rep " $2 ": " $9 } END { print bad == "" ? "yes" : bad }' "$TMP/upload.tsv")"
    done
    echo
    echo "Idle keep-alive connections (\`build/bench/loadgen --mode http-idle\`: each connection made one keep-alive GET, then stays open; a fresh server warmed up with 10 connections for 1 s; user-space RSS only, kernel socket buffers not included):"
    echo
    echo "| server | worker VmRSS before kB | with N idle connections kB | N | bytes/connection |"
    echo "|---|---:|---:|---:|---:|"
    while IFS=$'\t' read -r kind rss0 rss1 n bytes; do
        printf '| %s | %s | %s | %s | **%.0f** |\n' "$kind" "$rss0" "$rss1" "$n" "$bytes"
    done <"$TMP/idle.tsv"
    echo
    if [[ -z $SURGE_SKIPPED ]]; then
        local idle_surge
        idle_surge=$(awk -F'\t' '$1 == "surge" { print $5 }' "$TMP/idle.tsv")
        echo "### Goals of issue 5 (this run)"
        echo
        echo "| goal | nginx | surge | surge/nginx | |"
        echo "|---|---:|---:|---:|---|"
        for mode in keepalive close "pipeline$DEPTH"; do
            local n s
            n=$(med nginx "$mode" 4)
            s=$(med surge "$mode" 4)
            printf '| req/s ≥ nginx (%s) | %s | %s | %s | %s |\n' "$(mode_label "$mode")" "$(fmt %.0f "$n")" "$(fmt %.0f "$s")" \
                "$(ratio "$s" "$n")" "$(verdict "$s" '>=' "$n")"
        done
        for mode in keepalive close "pipeline$DEPTH"; do
            local n s
            n=$(med nginx "$mode" 6)
            s=$(med surge "$mode" 6)
            printf '| user µs/req ≤ nginx (%s) | %s | %s | %s | %s |\n' "$(mode_label "$mode")" "$(fmt %.3f "$n")" "$(fmt %.3f "$s")" \
                "$(ratio "$s" "$n")" "$(verdict "$s" '<=' "$n")"
        done
        printf '| RSS per idle keep-alive connection ≤ 1,000 bytes | %s | %s | | %s |\n' \
            "$(fmt %.0f "$(awk -F'\t' '$1 == "nginx" { print $5 }' "$TMP/idle.tsv")")" "$(fmt %.0f "$idle_surge")" \
            "$(verdict "$idle_surge" '<=' 1000)"
    else
        echo "Surge skipped: $SURGE_SKIPPED. No comparison."
    fi
    echo
    echo "<details><summary>All runs</summary>"
    echo
    echo "| server | load | rep | req/s | MB/s | user µs/req | sys µs/req | server CPU % | wrk CPU % | other CPU % | p50 µs | p99 µs | worker RSS kB | errors |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %s | %s | %.0f | %s | %.3f | %.3f | %.0f | %.0f | %.0f | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $14, $10, $11, $12, $13 }' "$TMP/runs.tsv"
    echo
    echo "| server | upload rep | seconds | MB/s | user ms | sys ms | RSS before kB | peak kB | answer correct |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %.3f | %.0f | %.0f | %.0f | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$TMP/upload.tsv"
    echo
    echo "</details>"
}

# Replace (or append) the "## HTTP" section of RESULTS.md (up to the next "## ").
write_results() {
    local section=$1 new="$RESULTS_MD.tmp"
    [[ -f $RESULTS_MD ]] || printf '# Surge benchmark results\n\nProduced by the scripts in `bench/` (see `bench/README.md`).\n' >"$RESULTS_MD"
    SECTION_TEXT=$section TITLE=$SECTION_TITLE awk '
        /^## / { if (skip) skip = 0; if ($0 == ENVIRON["TITLE"]) { print ENVIRON["SECTION_TEXT"]; print ""; done = 1; skip = 1; next } }
        !skip { print }
        END { if (!done) { print ""; print ENVIRON["SECTION_TEXT"] } }
    ' "$RESULTS_MD" >"$new"
    mv "$new" "$RESULTS_MD"
    log "wrote the \"$SECTION_TITLE\" section of $RESULTS_MD"
}

# ------------------------------------------------------------------- main ---

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$REPO"
command -v "$NGINX" >/dev/null || die "$NGINX not found (apt-get install -y nginx)"
command -v "$WRK" >/dev/null || die "$WRK not found (apt-get install -y wrk)"
command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"
build_loadgen

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
for v in C10K_CONNS IDLE_CONNS; do
    if [[ $NOFILE != unlimited ]] && ((${!v} > NOFILE - 100)); then
        log "WARNING: open-file limit is $NOFILE; reducing $v from ${!v} to $((NOFILE - 100))"
        printf -v "$v" '%s' $((NOFILE - 100))
    fi
done

SURGE_SKIPPED=""
if [[ ! -f $SURGE_EXT ]]; then
    SURGE_SKIPPED="$SURGE_EXT not found"
elif ! "$PHP" -n -d "extension=$SURGE_EXT" -r 'exit(class_exists("Surge\\Protocols\\Http\\Request") ? 0 : 1);' 2>/dev/null; then
    SURGE_SKIPPED="$SURGE_EXT has no HTTP support (no Surge\\Protocols\\Http\\Request)"
fi
SERVERS=(nginx)
if [[ -n $SURGE_SKIPPED ]]; then
    log "SKIPPING surge: $SURGE_SKIPPED; running nginx only"
else
    SERVERS+=(surge)
fi

chmod 711 "$TMP"   # the nginx worker (user nobody when started as root) must traverse it
head -c 1048576 /dev/zero | tr '\0' x >"$TMP/1mb"
chmod 644 "$TMP/1mb"
head -c $((UPLOAD_MB * 1048576)) /dev/zero >"$TMP/upload.bin"
: >"$TMP/runs.tsv"
: >"$TMP/upload.tsv"
: >"$TMP/idle.tsv"

log "http: ${DURATION}s runs (+${WARMUP}s warmup), $REPS reps, loads: ${MODES[*]} + ${UPLOAD_MB} MB upload, servers: ${SERVERS[*]}"
for ((rep = 1; rep <= REPS; rep++)); do
    order=("${SERVERS[@]}")
    if ((rep % 2 == 0 && ${#SERVERS[@]} == 2)); then order=(surge nginx); fi
    for kind in "${order[@]}"; do
        next_port
        start_server "$kind" "$PORT"
        for mode in "${MODES[@]}"; do measured_wrk "$kind" "$rep" "$mode" "$PORT"; done
        upload_run "$kind" "$rep" "$PORT"
        stop_server "$SERVER_PID"
    done
done

for kind in "${SERVERS[@]}"; do idle_memory "$kind"; done

SECTION=$(report)
echo
echo "$SECTION"
((WRITE)) && write_results "$SECTION"
exit 0
