#!/usr/bin/env bash
# Every example builds with plain clang against this kernel's vmlinux.h, its
# export header compiles on its own, and (as root, with bpftool) every
# program passes the verifier. Usage: examples.sh EXAMPLES_DIR
set -uo pipefail
EXAMPLES=${1:?usage: examples.sh EXAMPLES_DIR}
CLANG=${CLANG:-clang}
fail=0
pass=0

if [ ! -r /sys/kernel/btf/vmlinux ] || ! command -v bpftool >/dev/null; then
	echo "SKIP: needs /sys/kernel/btf/vmlinux and bpftool to make vmlinux.h"
	exit 0
fi
tmp=$(mktemp -d)
pins=""
cleanup() {
	[ -n "$pins" ] && rm -rf "$pins"
	rm -rf "$tmp"
}
trap cleanup EXIT
bpftool btf dump file /sys/kernel/btf/vmlinux format c >"$tmp/vmlinux.h" || exit 1

can_load=1
if [ "$(id -u)" != 0 ]; then
	echo "note: not root, the verifier step is skipped"
	can_load=0
elif ! mountpoint -q /sys/fs/bpf && ! mount -t bpf bpf /sys/fs/bpf; then
	echo "note: no bpffs at /sys/fs/bpf, the verifier step is skipped"
	can_load=0
fi

check() {
	local what=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $what"
		tail -n 30 "$tmp/log"
	fi
}

n=0
for dir in "$EXAMPLES"/*/; do
	name=$(basename "$dir")
	src="$dir/$name.bpf.c"
	hdr="$dir/$name.h"
	[ -f "$src" ] || continue
	n=$((n + 1))
	check "$name: header $name.h missing" test -f "$hdr"
	check "$name: clang" "$CLANG" -g -O2 -Wall -Werror -target bpf -D__TARGET_ARCH_x86 \
		-I"$tmp" -c "$src" -o "$tmp/$name.o"
	check "$name: $name.h on its own" "$CLANG" -target bpf -x c -c "$hdr" -o "$tmp/$name.h.o"
	if [ $can_load = 1 ] && [ -f "$tmp/$name.o" ]; then
		pins=/sys/fs/bpf/ecc-examples-$$-$name
		check "$name: verifier" bpftool prog loadall "$tmp/$name.o" "$pins"
		rm -rf "$pins"
		pins=""
	fi
done
[ $n -gt 0 ] || { echo "FAIL: no examples in $EXAMPLES"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed ($n examples)"
[ $fail -eq 0 ]
