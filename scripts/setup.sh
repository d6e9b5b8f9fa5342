#!/usr/bin/env bash
# One-command setup: install what is missing (Debian packages), build ecc and
# ecli, and compile a bundled example into a package, printing its summary.
#   scripts/setup.sh [EXAMPLE_DIR]     (default: examples/bootstrap)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EXAMPLE=${1:-examples/bootstrap}

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"

name=$(basename "$EXAMPLE")
src="$EXAMPLE/$name.bpf.c"
hdr="$EXAMPLE/$name.h"
out="$ROOT/build/example-package"
[ -f "$src" ] || { echo "setup: no example at $src" >&2; exit 1; }
args=("$src")
[ -f "$hdr" ] && args+=("$hdr")

echo
echo "== ecc ${args[*]} -o build/example-package"
build/compiler/ecc "${args[@]}" -o "$out"
echo
echo "== ecli validate build/example-package/package.json"
build/runtime-min/ecli validate "$out/package.json"
echo
echo "Run it (as root): build/runtime-min/ecli run build/example-package/package.json"
