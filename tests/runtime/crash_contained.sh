#!/usr/bin/env bash
# A libbpf crash while opening an object is contained: with crash_shim.so
# preloaded (bpf_object__open_mem raises SIGSEGV), ecli validate and ecli run
# report the corrupt object and exit 1.
#   crash_contained.sh ECLI SHIM PACKAGE
set -u
ECLI=$1 SHIM=$2 PKG=$3
W=$(mktemp -d "${TMPDIR:-/tmp}/ecli-crash.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
for cmd in validate run; do
	LD_PRELOAD=$SHIM "$ECLI" $cmd "$PKG" >"$W/out" 2>"$W/err"
	rc=$?
	if [ $rc != 1 ] || ! grep -q "corrupt BPF object: libbpf crashed opening it" "$W/err"; then
		echo "FAIL: ecli $cmd: exit $rc"
		cat "$W/err"
		exit 1
	fi
done
echo PASS
