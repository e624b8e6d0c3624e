#!/usr/bin/env bash
# reload_loss.sh - requests lost while the server's processes are replaced under load.
#
# For each scenario a fresh Surge echo server (bench/reload_echo.php, count = 2) is
# started as a daemon, bench/reload_load.py keeps CLIENTS clients asking it for SECONDS
# seconds, and meanwhile the processes are replaced again and again: `reload` (SIGUSR1),
# `reload -g` (SIGUSR2), `restart` (php reload_echo.php restart -d), or recycling
# (maxRequests). Each replacement waits for the previous one to finish (the log's
# "reload done" line, a new pid file for restart). Prints one line per scenario:
# requests, failures, failures per million, replacements, what the failures were.
#
# Usage: bash bench/reload_loss.sh [--seconds N] [--write] [scenario ...]
#   scenarios: proto/how[/reuseport] with proto in text tcp http-close http-keepalive ws
#   and how in reload reload-g restart recycle; default: every proto with reload, text
#   and http-keepalive with reuseport, reload-g, recycle and restart.
#   --write  appends the table to bench/RESULTS.md ("## Reload loss" section)
# Environment: SURGE_EXT [$repo/modules/surge.so] PHP [php] PYTHON [python3]
#   CLIENTS [3] MAX_REQUESTS [3000, for recycle]
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CMD_LINE="bash bench/reload_loss.sh${*:+ $*}"
PHP=${PHP:-php}
PYTHON=${PYTHON:-python3}
EXT=${SURGE_EXT:-$REPO/modules/surge.so}
CLIENTS=${CLIENTS:-3}
MAX_REQUESTS=${MAX_REQUESTS:-3000}
SECONDS_EACH=30
WRITE=0
SCENARIOS=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) SECONDS_EACH=$2; shift 2 ;;
        --write) WRITE=1; shift ;;
        *) SCENARIOS+=("$1"); shift ;;
    esac
done
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
    SCENARIOS=(text/reload tcp/reload http-close/reload http-keepalive/reload ws/reload
               text/reload/reuseport http-keepalive/reload/reuseport
               text/reload-g http-keepalive/reload-g
               text/recycle http-keepalive/recycle text/recycle/reuseport
               text/restart http-keepalive/restart)
fi

free_port() { "$PHP" -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'; }

count_in() { grep -c -- "$2" "$1" 2>/dev/null || true; }
# The log has at least $2 "reload done" lines.
reloads_done() { (( $(count_in "$1" 'reload done') >= $2 )); }
# The pid file names a pid other than $2 (a restarted master).
new_master() { local p; p=$(cat "$1" 2>/dev/null || true); [[ -n $p && $p != "$2" ]]; }

wait_until() {  # wait_until <seconds> <command...>: polls every 20 ms
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        if (( SECONDS > deadline )); then return 1; fi
        sleep 0.02
    done
}

ROWS=()
run_scenario() {
    local spec=$1 proto how reuse
    IFS=/ read -r proto how reuse <<< "$spec"
    local dir; dir=$(mktemp -d /tmp/surge-reload-loss.XXXXXX)
    local port; port=$(free_port)
    local scheme=$proto
    case $proto in http-*) scheme=http ;; ws) scheme=websocket ;; esac
    local maxreq=0
    [[ $how == recycle ]] && maxreq=$MAX_REQUESTS
    export RELOAD_ECHO_LISTEN="$scheme://127.0.0.1:$port" RELOAD_ECHO_DIR="$dir"
    export RELOAD_ECHO_REUSEPORT=$([[ $reuse == reuseport ]] && echo 1 || echo 0)
    export RELOAD_ECHO_MAXREQ=$maxreq
    cp "$REPO/bench/reload_echo.php" "$dir/server.php"
    local php=("$PHP" -n -d "extension=$EXT" "$dir/server.php")
    "${php[@]}" start -d -q > "$dir/start.out" 2>&1
    wait_until 10 test -s "$dir/server.pid"
    "$PYTHON" "$REPO/bench/reload_load.py" --port "$port" --mode "$proto" --clients "$CLIENTS" \
        --duration "$SECONDS_EACH" --out "$dir/stats.json" &
    local load=$!
    local replaced=0 end=$((SECONDS + SECONDS_EACH - 2))
    while (( SECONDS < end )); do
        case $how in
            reload|reload-g)
                kill "-$([[ $how == reload ]] && echo USR1 || echo USR2)" "$(cat "$dir/server.pid")"
                replaced=$((replaced + 1))
                wait_until 20 reloads_done "$dir/server.log" "$replaced" ||
                    { echo "reload $replaced did not finish" >&2; break; }
                ;;
            restart)
                local before; before=$(cat "$dir/server.pid")
                "${php[@]}" restart -d -q >> "$dir/restart.out" 2>&1
                replaced=$((replaced + 1))
                wait_until 20 new_master "$dir/server.pid" "$before" || true
                ;;
            recycle)
                sleep 1
                ;;
        esac
    done
    wait "$load" || true
    [[ $how == recycle ]] && replaced=$(count_in "$dir/server.log" 'replacing it with a fresh process')
    "${php[@]}" stop > /dev/null 2>&1 || true
    local row
    row=$("$PYTHON" - "$dir/stats.json" "$spec" "$replaced" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
per_million = s["failures"] * 1e6 / max(s["sent"], 1)
kinds = ", ".join(f"{k} {s[k]}" for k in ("closed_unanswered", "reset", "timeout", "wrong", "connect_error", "refused", "retried") if s[k])
print(f"| {sys.argv[2]} | {s['sent']} | {s['answered']} | {s['failures']} | {per_million:.1f} | {sys.argv[3]} | {kinds or '-'} |")
for e in s["examples"][:3]:
    print("    " + e, file=sys.stderr)
PY
)
    echo "$row"
    ROWS+=("$row")
    if grep -q "did not stop within" "$dir/server.log"; then
        echo "    (the log shows a SIGKILL after stopTimeout)" >&2
    fi
    if [[ -n ${KEEP:-} ]]; then echo "    kept $dir" >&2; else rm -rf "$dir"; fi
}

HEADER="| scenario | requests | answered | failures | per million | replacements | notes |"
echo "$HEADER"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for s in "${SCENARIOS[@]}"; do run_scenario "$s"; done

if (( WRITE )); then
    {
        echo
        echo "## Reload loss ($(date -u +%Y-%m-%d), tree $(git -C "$REPO" rev-parse --short HEAD), $(nproc) cores, $(uname -sr))"
        echo
        echo "Command: \`$CMD_LINE\` (CLIENTS=$CLIENTS, each scenario ${SECONDS_EACH} s; server count = 2)"
        echo
        echo "$HEADER"
        echo "| --- | --- | --- | --- | --- | --- | --- |"
        printf '%s\n' "${ROWS[@]}"
    } >> "$REPO/bench/RESULTS.md"
fi
