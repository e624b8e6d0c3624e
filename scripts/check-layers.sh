#!/usr/bin/env bash
# The layering rule, checked the same way for the CMake and the phpize build (phpize puts
# src/ and ext/ on one include path, so a compiler alone would not catch it): src/ is pure
# C++ and includes nothing from ext/ and no Zend or PHP header; in src/ a quoted include
# names a file under src/. ext/ may include from src/.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r file; do
  while IFS= read -r line; do
    target=$(sed -n 's/^#include "\([^"]*\)".*/\1/p' <<<"$line")
    if [ -n "$target" ] && [ ! -f "src/$target" ] && [ ! -f "$(dirname "$file")/$target" ]; then
      echo "$file: '#include \"$target\"' is not a file under src/ (src/ may not include from ext/)" >&2
      status=1
    fi
    if grep -qE '^#include <(php|zend|Zend|main/|ext/|SAPI)' <<<"$line"; then
      echo "$file: '$line': src/ includes no PHP header" >&2
      status=1
    fi
  done < <(grep -E '^#include' "$file")
done < <(git ls-files 'src/*.cc' 'src/*.h')
[ $status = 0 ] && echo "layers: src/ includes nothing from ext/ or PHP"
exit $status
