#!/usr/bin/env bash
# Installs what building and testing Surge needs on Debian 12 (as root, or through sudo).
# --build-only: just what building the extension needs (the Dockerfile uses it).
set -euo pipefail
packages=(php8.2-cli php8.2-dev libevent-dev libssl-dev zlib1g-dev pkg-config g++ make
          libhiredis-dev)
if [ "${1:-}" != "--build-only" ]; then
  packages+=(php-pear php-parser clang libclang-rt-14-dev cmake googletest libgtest-dev valgrind
             procps util-linux curl python3-h11 python3-websockets redis-server php8.2-redis
             python3-jsonschema prometheus composer)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
