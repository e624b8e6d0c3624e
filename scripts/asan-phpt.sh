#!/usr/bin/env bash
# Builds the extension with -fsanitize=address,undefined from the committed tree (in a
# scratch copy, so the normal build in the repository is untouched) and runs the .phpt
# suite against it: PHP's own allocator off (USE_ZEND_ALLOC=0) so that every zval,
# string and array goes through the sanitizer's malloc, the ASan runtime preloaded into
# every php process (the test runner, each test, each server it starts and what those
# fork). PHP opens extensions with RTLD_DEEPBIND, which the sanitizer runtime refuses: a
# small preloaded dlopen() (scripts/asan_no_deepbind.c) drops that flag, and the php.ini
# scan folder is replaced by a copy without opcache. Every report is written to a file in one folder; the step fails if the suite
# fails or if any process wrote a report. Leak detection is off: PHP frees its request
# memory in bulk at exit, and scripts/leak-check.sh checks leaks under valgrind. SIGSEGV is
# left to kill the process (handle_segv=0), as tests of a crashing worker expect. Tests that
# need PHP's memory accounting (memory_limit, maxMemory) skip themselves under
# USE_ZEND_ALLOC=0.
#
#   bash scripts/asan-phpt.sh [tests/dir-or-file ...]    (default: tests/)
# ASAN_TREE=<dir>: use an already built copy instead of building one (for reruns).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
tree=${ASAN_TREE:-}
reports=$(mktemp -d /tmp/surge-asan-reports.XXXXXX)
ini=$(mktemp -d /tmp/surge-asan-ini.XXXXXX)
cleanup() { rm -rf "$ini"; [ -n "${ASAN_TREE:-}" ] || rm -rf "$tree"; }
trap cleanup EXIT
scan=$(php -r 'echo PHP_CONFIG_FILE_SCAN_DIR;')
for f in "$scan"/*.ini; do
  [ -e "$f" ] || continue
  grep -qi 'opcache' "$f" || cp "$f" "$ini/"
done
started=$(date +%s)
if [ -z "$tree" ]; then
  tree=$(mktemp -d /tmp/surge-asan-tree.XXXXXX)
  git archive HEAD | tar -x -C "$tree"
  # No vptr check: to read an object's vtable pointer it first asks whether the memory is
  # readable by writing it to a pipe, which fails in a process that has run out of
  # descriptors (tests/timeouts/lockout_fd_limit.phpt does that on purpose) and then
  # reports every virtual call as on an "invalid vptr". The unit tests keep the check.
  sanitize="-fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
  (cd "$tree" && phpize >/dev/null &&
    CFLAGS="$sanitize" CXXFLAGS="$sanitize" LDFLAGS="-fsanitize=address,undefined" \
      ./configure --enable-surge --enable-surge-debug >/dev/null &&
    make -j"$jobs" >/dev/null)
  echo "ASan+UBSan build: $(($(date +%s) - started)) s"
fi
started=$(date +%s)
libasan=$(g++ -print-file-name=libasan.so)
[ -f "$libasan" ] || { echo "libasan.so not found (install g++'s sanitizer runtime)" >&2; exit 1; }
gcc -shared -fPIC -O2 -o "$ini/no_deepbind.so" scripts/asan_no_deepbind.c -ldl
# The tests' other programs run without the preload (curl hangs with libasan preloaded):
# first in PATH, a wrapper for each drops it and runs the real one.
mkdir "$ini/bin"
for tool in curl python3 redis-server redis-cli openssl; do
  real=$(command -v "$tool") || continue
  printf '#!/bin/sh\nunset LD_PRELOAD\nexec %s "$@"\n' "$real" >"$ini/bin/$tool"
  chmod +x "$ini/bin/$tool"
done

set +e
# The shim comes first so that PHP's dlopen() calls reach it; libasan then need not be
# first in the list (verify_asan_link_order=0).
PATH="$ini/bin:$PATH" PHP_INI_SCAN_DIR="$ini" USE_ZEND_ALLOC=0 LD_PRELOAD="$ini/no_deepbind.so:$libasan" \
  ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=0:handle_segv=0:log_path=$reports/asan:abort_on_error=0:detect_odr_violation=0" \
  UBSAN_OPTIONS="print_stacktrace=1:log_path=$reports/ubsan" \
  SURGE_EXT="$tree/modules/surge.so" TEST_PHP_EXECUTABLE=$(command -v php) NO_INTERACTION=1 \
  REPORT_EXIT_STATUS=1 php run-tests.php -q --show-diff -d extension="$tree/modules/surge.so" \
  "${@:-tests/}" | tee "$reports.out"
status=${PIPESTATUS[0]}
set -e
echo "phpt suite under ASan+UBSan: $(($(date +%s) - started)) s"
# A report printed by a server process (UBSan writes there rather than to log_path) shows
# in the diff of the test it broke.
if grep -aE 'runtime error:|ERROR: AddressSanitizer|SUMMARY: (Address|UndefinedBehavior)Sanitizer' "$reports.out" >&2; then
  echo "sanitizer reports in the suite's output above" >&2
  exit 1
fi
rm -f "$reports.out"
# PHP here is not built with ASan, so its fiber switches are not announced to the sanitizer
# (__sanitizer_start_switch_fiber): instrumented code calling a function that does not
# return (a C++ throw, zend_bailout()) on a fiber's stack (every onWorkerStart runs in a
# fiber) makes ASan print this warning, which reports nothing wrong. A file holding only that warning is dropped; one with anything else is kept.
for f in "$reports"/*; do
  [ -e "$f" ] || continue
  grep -qv -e 'ASan is ignoring requested __asan_handle_no_return' \
    -e '^False positive error reports may follow' \
    -e 'github.com/google/sanitizers/issues/189' "$f" || rm -f "$f"
done
if compgen -G "$reports/*" >/dev/null; then
  echo "sanitizer reports (kept in $reports):" >&2
  for f in "$reports"/*; do echo "== $f" >&2; head -60 "$f" >&2; done
  exit 1
fi
rmdir "$reports"
[ "$status" -eq 0 ] || { echo "phpt suite under ASan+UBSan failed" >&2; exit "$status"; }
echo "phpt suite under ASan+UBSan: no sanitizer report"
