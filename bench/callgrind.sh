#!/usr/bin/env bash
# Instructions per round trip on the three hot paths, counted by callgrind (the same for
# the same binary and input whatever else the machine does): text echo (loadgen `echo`),
# HTTP hello (wrk, keep-alive), HTTP hello on a new connection per request (`close`: wrk
# with `Connection: close`: accept, request, answer, close) and WebSocket echo (loadgen
# `ws-echo`). One worker process
# under valgrind, CONNS connections for SECONDS_PER_RUN seconds; instructions inside
# EventLoop::run() (the worker's loop: reading, framing, PHP callbacks, sending) divided by
# the round trips the client completed.
#   SURGE_EXT=/path/to/release/surge.so bash bench/callgrind.sh [text] [http] [close] [ws]
# Use a release build (./configure --enable-surge, no --enable-surge-debug).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ext=${SURGE_EXT:-$repo/modules/surge.so}
php=${PHP:-php}
seconds=${SECONDS_PER_RUN:-5}
conns=${CONNS:-50}
wrk=${WRK:-wrk}
loadgen=$repo/build/bench/loadgen
if [ ! -x "$loadgen" ]; then
  mkdir -p "$repo/build/bench"
  g++ -O2 -std=c++20 -o "$loadgen" "$repo/bench/loadgen.cc"
fi
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(text http ws)

free_port() { "$php" -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);'; }

measure() {
  local kind=$1 script tmp port server count total=0
  case $kind in
    text) script=surge_text_echo.php ;;
    http|close) script=surge_http_hello.php ;;
    ws) script=surge_ws_echo.php ;;
    *) echo "unknown kind $kind (text, http, close, ws)" >&2; return 2 ;;
  esac
  tmp=$(mktemp -d)
  port=$(free_port)
  BENCH_PORT=$port BENCH_TMP=$tmp valgrind --tool=callgrind --trace-children=yes \
    --toggle-collect='surge::EventLoop::run()' --callgrind-out-file="$tmp/cg.%p" \
    "$php" -n -d extension="$ext" "$repo/bench/$script" start -q >"$tmp/out" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    grep -q "$(printf ':%04X ' "$port")" /proc/net/tcp 2>/dev/null && break
    sleep 0.1
  done
  case $kind in
    text) count=$("$loadgen" --port "$port" --connections "$conns" --duration "$seconds" --warmup 0 --mode echo |
                  sed -n 's/.*round_trips=\([0-9]*\).*/\1/p') ;;
    ws) count=$("$loadgen" --port "$port" --connections "$conns" --duration "$seconds" --warmup 0 --mode ws-echo |
                sed -n 's/.*round_trips=\([0-9]*\).*/\1/p') ;;
    http) count=$("$wrk" -t1 -c"$conns" -d"${seconds}s" "http://127.0.0.1:$port/" |
                  sed -n 's/^ *\([0-9]*\) requests in.*/\1/p') ;;
    close) count=$("$wrk" -t1 -c"$conns" -d"${seconds}s" -H 'Connection: close' "http://127.0.0.1:$port/" |
                   sed -n 's/^ *\([0-9]*\) requests in.*/\1/p') ;;
  esac
  kill -TERM "$server"
  wait "$server" || true
  for f in "$tmp"/cg.*; do
    n=$(callgrind_annotate "$f" 2>/dev/null | sed -n 's/^\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
    total=$((total + ${n:-0}))
  done
  rm -rf "$tmp"
  [ "${count:-0}" -gt 0 ] || { echo "$kind: no round trips counted" >&2; return 1; }
  echo "$kind: $((total / count)) instructions per round trip ($total instructions, $count round trips)"
}

for kind in "${kinds[@]}"; do measure "$kind"; done
