#!/bin/sh
# load.sh ECC PKGLOAD SOURCE HEADER MAP: compile against the running kernel's
# BTF (the default) and have the kernel load, attach and run the package.
set -u
ecc=$1 load=$2 src=$3 hdr=$4 map=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ecc" -o "$work" "$src" "$hdr" || { echo "FAIL: ecc"; exit 1; }
"$load" "$work/package.json" "$map"
