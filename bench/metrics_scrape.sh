#!/usr/bin/env bash
# metrics_scrape.sh - what Worker::$metricsListen costs the workers: HTTP req/s of the hello
# server (bench/surge_http_hello.php, one worker) in three configurations, interleaved in
# the same run:
#   off      no metricsListen
#   on       metricsListen set (request durations observed), nobody scrapes
#   scraped  metricsListen set and GET /metrics once a second during the load (one PHP
#            client process that stays up, on the load generator's CPU)
#
# Usage: bash bench/metrics_scrape.sh [--write]
#   --write  replace (or append) the "## Metrics scrape cost" section of bench/RESULTS.md
# Environment: SURGE_EXT [$repo/modules/surge.so; use a release build]  PHP [php]
#   WRK [wrk]  SECONDS_PER_RUN [10]  WARMUP [2]  REPS [3]  CONNS [100]
#   SERVER_CPU [0]  CLIENT_CPU [1]
#
# Method: server (master + worker) pinned to SERVER_CPU, wrk (1 thread, CONNS keep-alive
# connections) and the scrape loop to CLIENT_CPU. Worker CPU time from /proc/<pid>/stat
# before and after each measured run, per request. Medians over REPS repetitions, the
# order of the three configurations rotating from one repetition to the next.
set -euo pipefail

CMD_ENV=""
for v in SURGE_EXT PHP WRK SECONDS_PER_RUN WARMUP REPS CONNS SERVER_CPU CLIENT_CPU; do
    if [[ -n ${!v+x} ]]; then CMD_ENV+="$v=${!v} "; fi
done
CMD_LINE="${CMD_ENV}bash bench/metrics_scrape.sh${*:+ $*}"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PHP=${PHP:-php}
WRK=${WRK:-wrk}
SURGE_EXT=${SURGE_EXT:-$REPO/modules/surge.so}
SECS=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-2}
REPS=${REPS:-3}
CONNS=${CONNS:-100}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
CLK_TCK=$(getconf CLK_TCK)
WRITE=0
[[ ${1:-} == --write ]] && WRITE=1

TMP=$(mktemp -d /tmp/metrics-scrape.XXXXXX)
SERVER_PID=""
SCRAPER_PID=""
cleanup() {
    [[ -n $SCRAPER_PID ]] && kill "$SCRAPER_PID" 2>/dev/null || true
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    sleep 0.2
    rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { "$PHP" -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);'; }

# start_server <metrics address or empty>: sets SERVER_PID, PORT, WORKER_PID
start_server() {
    PORT=$(free_port)
    BENCH_PORT=$PORT BENCH_TMP=$TMP BENCH_METRICS=$1 taskset -c "$SERVER_CPU" \
        "$PHP" -n -d extension="$SURGE_EXT" "$REPO/bench/surge_http_hello.php" start -q >"$TMP/server.out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 500); do
        curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
        sleep 0.02
    done
    WORKER_PID=$(pgrep -P "$SERVER_PID" | head -1)
}
stop_server() {
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_load <config> <rep>: one warmup and one measured wrk run; appends a row to $TMP/runs
run_load() {
    local config=$1 rep=$2 metrics=""
    [[ $config != off ]] && metrics="http://127.0.0.1:$(free_port)"
    start_server "$metrics"
    taskset -c "$CLIENT_CPU" "$WRK" -t1 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$PORT/" >/dev/null
    if [[ $config == scraped ]]; then
        # One long-lived scraper process (a fork and exec of curl each second would cost the
        # client CPU more than the scrape itself): GET /metrics, then sleep out the second.
        taskset -c "$CLIENT_CPU" "$PHP" -n -r '
            [$port, $out] = [$argv[1], $argv[2]];
            for (;;) {
                $t = microtime(true);
                $c = stream_socket_client("tcp://127.0.0.1:$port", $e, $s, 5);
                fwrite($c, "GET /metrics HTTP/1.1\r\nHost: bench\r\n\r\n");
                $answer = stream_get_contents($c);
                fclose($c);
                // Whole files only: the scraper is killed at any moment.
                file_put_contents("$out.tmp", substr($answer, strpos($answer, "\r\n\r\n") + 4));
                rename("$out.tmp", $out);
                usleep((int)max(0, 1e6 - (microtime(true) - $t) * 1e6));
            }' "${metrics##*:}" "$TMP/scrape.txt" &
        SCRAPER_PID=$!
    fi
    local before after out rps requests
    before=$(cpu_ticks "$WORKER_PID")
    out=$(taskset -c "$CLIENT_CPU" "$WRK" -t1 -c"$CONNS" -d"${SECS}s" "http://127.0.0.1:$PORT/")
    after=$(cpu_ticks "$WORKER_PID")
    if [[ -n $SCRAPER_PID ]]; then kill "$SCRAPER_PID"; wait "$SCRAPER_PID" 2>/dev/null || true; SCRAPER_PID=""; fi
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    local us
    us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {printf "%.2f", t / hz * 1e6 / n}')
    if [[ $config == scraped ]]; then
        grep -q '^surge_process_requests_total{worker="none"' "$TMP/scrape.txt" ||
            { echo "the scrape did not return the process metrics" >&2; exit 1; }
    fi
    echo "$config $rep $rps $us" >>"$TMP/runs"
    echo "$config rep $rep: $rps req/s, worker $us µs CPU/request" >&2
    stop_server
}

configs=(off on scraped)
for rep in $(seq "$REPS"); do
    for k in 0 1 2; do
        run_load "${configs[$(((rep + k) % 3))]}" "$rep"
    done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
table="| configuration | req/s (median) | worker CPU µs/request (median) | runs (req/s) |
|---|---:|---:|---|"
declare -A med
for c in "${configs[@]}"; do
    med[$c]=$(awk -v c="$c" '$1 == c {print $3}' "$TMP/runs" | median)
    us=$(awk -v c="$c" '$1 == c {print $4}' "$TMP/runs" | median)
    all=$(awk -v c="$c" '$1 == c {printf "%s%s", sep, $3; sep=", "}' "$TMP/runs")
    table+="
| $c | ${med[$c]} | $us | $all |"
done
ratio=$(awk -v a="${med[scraped]}" -v b="${med[on]}" 'BEGIN {printf "%.3f", a / b}')
ratio_on=$(awk -v a="${med[on]}" -v b="${med[off]}" 'BEGIN {printf "%.3f", a / b}')
section="## Metrics scrape cost

Command: \`$CMD_LINE\`  
Date: $(date -u)  
Machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), Linux $(uname -r); $("$PHP" -r 'echo "PHP ", PHP_VERSION;') (\`php -n\`)  
Tree: $(git -C "$REPO" rev-parse --short HEAD)  
Load: wrk -t1 -c$CONNS, GET / (\"Hello, World!\"), ${SECS} s after a ${WARMUP} s warmup, one worker on CPU $SERVER_CPU, wrk and the scraper on CPU $CLIENT_CPU; a fresh server per run; $REPS repetitions, order rotating.

$table

scraped/on req/s: ×$ratio (the 1 s scrape loop); on/off: ×$ratio_on (observing request durations)."
echo "$section"
if ((WRITE)); then
    "$PHP" -r '
        [$file, $section] = [$argv[1], $argv[2]];
        $text = file_get_contents($file);
        $re = "/^## Metrics scrape cost\n.*?(?=^## |\z)/ms";
        $text = preg_match($re, $text) ? preg_replace($re, addcslashes($section, "\\\\$") . "\n\n", $text) : rtrim($text) . "\n\n" . $section . "\n";
        file_put_contents($file, $text);' "$REPO/bench/RESULTS.md" "$section"
fi
