#!/usr/bin/env bash
# tls.sh - HTTPS: nginx against Surge in the same run, both with one worker, the same ECDSA
# P-256 certificate (made here), TLS 1.3 and X25519.
#
# Usage: bash bench/tls.sh [--seconds N] [--reps N] [--idle N] [name=/path/to/surge.so ...]
#   Each name=path adds a Surge build (default: surge=$repo/modules/surge.so; use a release
#   build: ./configure --enable-surge).
#
# Every server process is pinned to SERVER_CPU [0], the clients to CLIENT_CPU [1]. CPU per
# request or connection is CPU 0's busy time from /proc/stat over the run divided by the
# count (master, worker and the kernel's work on that core), as conn_cost.sh does.
#   keep-alive   wrk -t1 -c50 over HTTPS: requests/s, CPU µs and user µs per request
#   full         4 `openssl s_time -new -www /` at once: a new connection, a full handshake
#                and one request each: connections/s, CPU µs each
#   resumed      wrk -t1 -c50 with `Connection: close`: wrk keeps the session of each
#                connection and resumes it on the next (checked with nginx's
#                $ssl_session_reused: all but the first 50 are resumed): connections/s, CPU µs
#   idle         N (default 10000) TLS connections held open by tls_idle_clients.py: the
#                worker's RSS growth per connection
# Servers run in turn, REPS rounds; medians are printed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=10
reps=3
idle=10000
builds=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --reps) reps=$2; shift ;;
    --idle) idle=$2; shift ;;
    *=*) builds+=("$1") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#builds[@]} -gt 0 ] || builds=("surge=$repo/modules/surge.so")
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
hz=$(getconf CLK_TCK)
python=/usr/bin/python3
tmp=$(mktemp -d)
chmod 711 "$tmp"
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT
ulimit -n 19000

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/key.pem" 2>/dev/null
openssl req -x509 -new -key "$tmp/key.pem" -subj /CN=localhost -days 2 -out "$tmp/cert.pem" 2>/dev/null
chmod 644 "$tmp/key.pem" "$tmp/cert.pem"

free_port() { php -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);'; }
cpu_jiffies() { awk -v c="cpu$server_cpu" '$1==c {print $2+$3+$4+$7+$8+$9, $2+$3}' /proc/stat; }
wait_port() { for _ in $(seq 200); do curl -sk -o /dev/null "https://127.0.0.1:$1/" && return 0; sleep 0.05; done; return 1; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# per-unit cost between two cpu_jiffies readings: "busy-µs user-µs"
cost() { awk -v b="$1" -v a="$2" -v n="$3" -v hz="$hz" 'BEGIN { split(b, x, " "); split(a, y, " ");
  printf "%.1f %.1f", (y[1]-x[1])*1e6/hz/n, (y[2]-x[2])*1e6/hz/n }'; }

start_server() {  # name port so -> pid of the master
  local name=$1 port=$2 dir=$tmp/$1
  mkdir -p "$dir"
  chmod 755 "$dir"
  if [ "$name" = nginx ]; then
    sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" -e "s|@CERT@|$tmp/cert.pem|g" -e "s|@KEY@|$tmp/key.pem|g" \
      "$repo/bench/nginx_tls.conf" >"$dir/nginx.conf"
    env --default-signal=INT,QUIT taskset -c "$server_cpu" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >/dev/null 2>&1 &
  else
    BENCH_PORT=$port BENCH_TMP=$dir BENCH_CERT=$tmp/cert.pem BENCH_KEY=$tmp/key.pem \
      env --default-signal=INT,QUIT taskset -c "$server_cpu" php -n -d extension="$3" \
      "$repo/bench/surge_https_hello.php" start -q >/dev/null 2>&1 &
  fi
  echo $!
}

wrk_requests() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p'; }

measure() {  # name so -> "ka_rps ka_us ka_user full_cps full_us resumed_cps resumed_us idle_bytes"
  local name=$1 so=${2:-} port pid worker before after n out
  port=$(free_port)
  pid=$(start_server "$name" "$port" "$so")
  wait_port "$port" || { echo "$name did not start" >&2; exit 1; }
  worker=$(pgrep -P "$pid" | head -1)
  local url="https://127.0.0.1:$port/"
  taskset -c "$client_cpu" wrk -t1 -c50 -d2s "$url" >/dev/null
  before=$(cpu_jiffies)
  n=$(taskset -c "$client_cpu" wrk -t1 -c50 -d"${seconds}s" "$url" | wrk_requests)
  after=$(cpu_jiffies)
  local ka="$((n / seconds)) $(cost "$before" "$after" "$n")"
  before=$(cpu_jiffies)
  local clients=()
  for k in 1 2 3 4; do
    taskset -c "$client_cpu" openssl s_time -connect "127.0.0.1:$port" -new -www / -time "$seconds" \
      >"$tmp/s_time.$k" 2>/dev/null &
    clients+=($!)
  done
  wait "${clients[@]}"
  after=$(cpu_jiffies)
  n=$(cat "$tmp"/s_time.? | sed -n 's/^\([0-9]*\) connections in .* real seconds.*/\1/p' | awk '{s+=$1} END {print s}')
  local full="$((n / seconds)) $(cost "$before" "$after" "$n" | cut -d' ' -f1)"
  before=$(cpu_jiffies)
  n=$(taskset -c "$client_cpu" wrk -t1 -c50 -d"${seconds}s" -H 'Connection: close' "$url" | wrk_requests)
  after=$(cpu_jiffies)
  local resumed="$((n / seconds)) $(cost "$before" "$after" "$n" | cut -d' ' -f1)"
  local rss0 rss1
  rss0=$(rss_kb "$worker")
  coproc IDLE { taskset -c "$client_cpu" "$python" "$repo/bench/tls_idle_clients.py" "$port" "$idle"; }
  read -r _ <&"${IDLE[0]}"
  rss1=$(rss_kb "$worker")
  eval "exec ${IDLE[1]}>&-"
  wait "$IDLE_PID" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$ka $full $resumed $(((rss1 - rss0) * 1024 / idle))"
}

names=(nginx)
declare -A sos
for b in "${builds[@]}"; do names+=("${b%%=*}"); sos[${b%%=*}]=${b#*=}; done
declare -A runs
for ((r = 1; r <= reps; r++)); do
  for name in "${names[@]}"; do
    result=$(measure "$name" "${sos[$name]:-}")
    echo "round $r $name: $result" >&2
    runs[$name]+="$result"$'\n'
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { printf '%s' "${runs[$1]}" | awk -v c="$2" '{print $c}' | median; }
printf '| server | keep-alive req/s | CPU µs/req | user µs/req | full handshakes/s | CPU µs/handshake | resumed/s | CPU µs/resumed | bytes per idle TLS connection |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for name in "${names[@]}"; do
  printf '| %s |' "$name"
  for c in 1 2 3 4 5 6 7 8; do printf ' %s |' "$(col "$name" "$c")"; done
  printf '\n'
done
echo "(medians of $reps rounds of ${seconds} s; $idle idle connections)"
