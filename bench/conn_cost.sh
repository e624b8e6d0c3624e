#!/usr/bin/env bash
# conn_cost.sh - server CPU per new connection: nginx against Surge in the same run.
#
# Usage: bash bench/conn_cost.sh [--seconds N] [--reps N] [name=/path/to/surge.so ...]
#   Each name=path adds a Surge build to compare (default: surge=$repo/modules/surge.so;
#   use a release build: ./configure --enable-surge).
#
# Method: every server process (master and worker; one worker) is pinned to SERVER_CPU
# [0], wrk to CLIENT_CPU [1]. Load: wrk -t1 -c50 with `Connection: close`, so every
# request is a new connection (accept, request, answer, close). The cost is CPU 0's whole
# busy time from /proc/stat (user, nice, system, irq, softirq, steal) over the measured
# run, divided by the requests: it counts the master, the kernel's network work done on
# that CPU and anything else woken per connection, which the worker's own utime/stime
# (run_http.sh) does not. Servers run in turn, REPS rounds, a warm-up before each run;
# medians are printed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=10
reps=3
builds=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --reps) reps=$2; shift ;;
    *=*) builds+=("$1") ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#builds[@]} -gt 0 ] || builds=("surge=$repo/modules/surge.so")
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
hz=$(getconf CLK_TCK)
tmp=$(mktemp -d)
chmod 711 "$tmp"  # the nginx worker (user nobody when started as root) must traverse it
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$tmp"' EXIT

free_port() { php -n -r '$s=stream_socket_server("tcp://127.0.0.1:0");$n=stream_socket_get_name($s,false);echo substr($n,strrpos($n,":")+1);'; }
# busy and user jiffies of one CPU
cpu_jiffies() { awk -v c="cpu$server_cpu" '$1==c {print $2+$3+$4+$7+$8+$9, $2+$3}' /proc/stat; }
wait_port() { for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.05; done; return 1; }

start_server() {  # name port -> pid of the process to stop
  local name=$1 port=$2 dir=$tmp/$1
  mkdir -p "$dir"
  chmod 755 "$dir"
  if [ "$name" = nginx ]; then
    sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir|g" "$repo/bench/nginx_hello.conf" >"$dir/nginx.conf"
    env --default-signal=INT,QUIT taskset -c "$server_cpu" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >/dev/null 2>&1 &
  else
    local so=$3
    BENCH_PORT=$port BENCH_TMP=$dir env --default-signal=INT,QUIT taskset -c "$server_cpu" php -n -d extension="$so" \
      "$repo/bench/surge_http_hello.php" start -q >/dev/null 2>&1 &
  fi
  echo $!
}

measure() {  # name [so] -> "usPerConn userUsPerConn requests"
  local name=$1 so=${2:-} port pid before after requests
  port=$(free_port)
  pid=$(start_server "$name" "$port" "$so")
  wait_port "$port" || { echo "$name did not start" >&2; exit 1; }
  taskset -c "$client_cpu" wrk -t1 -c50 -d2s -H 'Connection: close' "http://127.0.0.1:$port/" >/dev/null
  before=$(cpu_jiffies)
  requests=$(taskset -c "$client_cpu" wrk -t1 -c50 -d"${seconds}s" -H 'Connection: close' \
               "http://127.0.0.1:$port/" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  after=$(cpu_jiffies)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$hz" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    printf "%.1f %.1f %d\n", (y[1]-x[1])*1e6/hz/n, (y[2]-x[2])*1e6/hz/n, n }'
}

names=(nginx)
declare -A sos
for b in "${builds[@]}"; do names+=("${b%%=*}"); sos[${b%%=*}]=${b#*=}; done
declare -A runs
for ((r = 1; r <= reps; r++)); do
  for name in "${names[@]}"; do
    result=$(measure "$name" "${sos[$name]:-}")
    echo "round $r $name: $result (µs CPU per connection, of which user, requests)" >&2
    runs[$name]+="$result"$'\n'
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
nginx_us=$(printf '%s' "${runs[nginx]}" | awk '{print $1}' | median)
printf '| server | CPU µs per connection (median of %d) | user µs | connections/s | ratio to nginx |\n' "$reps"
printf '| --- | --- | --- | --- | --- |\n'
for name in "${names[@]}"; do
  us=$(printf '%s' "${runs[$name]}" | awk '{print $1}' | median)
  user=$(printf '%s' "${runs[$name]}" | awk '{print $2}' | median)
  rate=$(printf '%s' "${runs[$name]}" | awk -v s="$seconds" '{print int($3/s)}' | median)
  printf '| %s | %s | %s | %s | %.2f |\n' "$name" "$us" "$user" "$rate" "$(awk -v a="$us" -v b="$nginx_us" 'BEGIN{print a/b}')"
done
