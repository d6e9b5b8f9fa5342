#!/bin/sh
# Remake kernel_types.btf (the kernel BTF the compiler tests pass with --btf).
# Run from anywhere; needs clang, libbpf-dev. The result is checked in, so the
# goldens do not change unless this script is run again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
clang -g -O2 -target bpf -idirafter /usr/include/x86_64-linux-gnu \
	-c "$here/kernel_types.c" -o "$tmp/kernel_types.o"
cc -O2 "$here/mkfixture.c" -o "$tmp/mkfixture" -lbpf -lelf -lz
"$tmp/mkfixture" "$tmp/kernel_types.o" "$here/kernel_types.btf"
echo "wrote $here/kernel_types.btf"
