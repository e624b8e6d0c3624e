#!/usr/bin/env bash
# Checks the ways Surge is installed besides pecl: composer.json (the php-ext package PIE
# reads) against config.m4 and package.xml, and the Dockerfile's build and start commands
# against the README, then runs the Dockerfile's command (with this tree's build) and asks
# the example server for a page. No Docker engine is needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

composer validate --no-check-publish --quiet
php -r '
$c = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR);
$m4 = file_get_contents("config.m4");
$pkg = file_get_contents("package.xml");
$fail = function (string $why) { fwrite(STDERR, "composer.json: $why\n"); exit(1); };
$c["type"] === "php-ext" || $fail("type must be php-ext (PIE installs only those)");
preg_match("/PHP_NEW_EXTENSION\(\s*(\w+)/", $m4, $m) || $fail("no PHP_NEW_EXTENSION in config.m4");
($c["php-ext"]["extension-name"] ?? null) === $m[1] || $fail("extension-name is not $m[1], the name in config.m4");
foreach ($c["php-ext"]["configure-options"] ?? [] as $o) {
    $arg = preg_replace("/^(enable|with)-/", "", $o["name"]);
    $kind = str_starts_with($o["name"], "with-") ? "WITH" : "ENABLE";
    preg_match("/PHP_ARG_$kind\(\[?" . preg_quote($arg, "/") . "\]?,/", $m4) || $fail("configure option --{$o["name"]} is not in config.m4");
}
preg_match("#<license[^>]*>([^<]+)</license>#", $pkg, $l);
$c["license"] === $l[1] || $fail("license {$c["license"]} differs from package.xml ({$l[1]})");
preg_match("#<php>\s*<min>([0-9.]+)</min>#", $pkg, $v);
$c["require"]["php"] === ">=" . preg_replace("/\.0$/", "", $v[1]) || $fail("require.php differs from package.xml min {$v[1]}");
echo "composer.json: php-ext package for ext-$m[1], options and license agree with config.m4 and package.xml\n";
'

# The Dockerfile builds with the README's set-up command.
build='phpize && ./configure --enable-surge && make -j"$(nproc)"'
grep -qF "$build" README.md || { echo "README no longer builds with: $build" >&2; exit 1; }
grep -qF "$build" Dockerfile || { echo "Dockerfile does not build with the README's command: $build" >&2; exit 1; }
grep -q '^FROM debian:12' Dockerfile || { echo "Dockerfile is not based on Debian 12" >&2; exit 1; }

# Its command, run here against this tree's build: the example answers.
workdir=$(sed -n 's/^WORKDIR //p' Dockerfile)
cmd=$(sed -n 's/^CMD //p' Dockerfile | php -r 'echo implode("\n", json_decode(stream_get_contents(STDIN)));')
port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')
mapfile -t argv < <(printf '%s\n' "$cmd" | sed "s#$workdir#$root#g")
scratch=$(mktemp -d)
trap 'kill -9 -- -$pid 2>/dev/null || true; rm -rf "$scratch"' EXIT
cp examples/http_server.php "$scratch/"  # its pid, status and log files go beside it
argv=("${argv[@]/examples\/http_server.php/$scratch/http_server.php}")
HTTP_LISTEN=127.0.0.1:$port setsid "${argv[@]}" >"$scratch/out" 2>&1 &
pid=$!
answer=""
for _ in $(seq 100); do
  answer=$(curl -s "http://127.0.0.1:$port/" || true)
  [ -n "$answer" ] && break
  sleep 0.1
done
case "$answer" in
  "Hello from Surge, worker pid "*) echo "Dockerfile CMD: the example answered: $answer" ;;
  *) echo "Dockerfile CMD: no answer from the example on port $port:" >&2; cat "$scratch/out" >&2; exit 1 ;;
esac
kill -TERM "$pid"
wait "$pid" || { echo "the example did not stop cleanly on SIGTERM (docker stop)" >&2; exit 1; }
