#!/usr/bin/env bash
# Regenerates ext/arginfo/*_arginfo.h from stubs/<area>/*.stub.php (areas as in ext/) with PHP's own gen_stub.php, offline.
# gen_stub.php wants PHP-Parser 4.15 under ./PHP-Parser-4.15.1 next to itself (it would
# download it otherwise), so it runs in a scratch folder where that path is a link to
# Debian's php-parser package. Needs: php-cli, php8.2-dev (gen_stub.php), php-parser.
#   scripts/gen-arginfo.sh           regenerate
#   scripts/gen-arginfo.sh --check   fail if a committed header is stale
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gen_stub="$(php-config --extension-dir)/build/gen_stub.php"
[ -f "$gen_stub" ] || gen_stub=$(ls /usr/lib/php/*/build/gen_stub.php 2>/dev/null | head -1)
[ -f "$gen_stub" ] || { echo "gen_stub.php not found: apt-get install php8.2-dev" >&2; exit 1; }
[ -d /usr/share/php/PhpParser ] || { echo "PHP-Parser not found: apt-get install php-parser" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$gen_stub" "$scratch/gen_stub.php"
mkdir -p "$scratch/PHP-Parser-4.15.1/lib"
ln -s /usr/share/php/PhpParser "$scratch/PHP-Parser-4.15.1/lib/PhpParser"

check=0
[ "${1:-}" = "--check" ] && check=1
status=0
for stub in "$root"/stubs/*/*.stub.php; do
  name=$(basename "$stub" .stub.php)
  cp "$stub" "$scratch/$name.stub.php"
  (cd "$scratch" && php gen_stub.php -f "$name.stub.php" >"$scratch/log" 2>&1) || { cat "$scratch/log" >&2; exit 1; }
  header="$root/ext/arginfo/${name}_arginfo.h"
  if [ $check = 1 ]; then
    if ! cmp -s "$scratch/${name}_arginfo.h" "$header"; then
      echo "stale: ext/arginfo/${name}_arginfo.h does not match ${stub#$root/} (run scripts/gen-arginfo.sh)" >&2
      status=1
    fi
  else
    cp "$scratch/${name}_arginfo.h" "$header"
  fi
done
exit $status
