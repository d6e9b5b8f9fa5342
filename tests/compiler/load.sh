#!/bin/sh
# load.sh ECC PKGLOAD SOURCE HEADER MAP: compile against the running kernel's
# BTF (the default) and have the kernel load, attach and run the package.
# load.sh ECC PKGLOAD --all CASES_DIR: load (only) every test program's package.
set -u
ecc=$1 load=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$3" = "--all" ]; then
	for src in "$4"/*/*.bpf.c; do
		hdr="${src%.bpf.c}.h"
		[ -f "$hdr" ] || hdr=""
		out="$work/$(basename "$src" .bpf.c)"
		"$ecc" -o "$out" "$src" $hdr || { echo "FAIL: ecc $src"; exit 1; }
		"$load" "$out/package.json" || exit $?
	done
	exit 0
fi
src=$3 hdr=$4 map=$5
"$ecc" -o "$work" "$src" "$hdr" || { echo "FAIL: ecc"; exit 1; }
"$load" "$work/package.json" "$map"
