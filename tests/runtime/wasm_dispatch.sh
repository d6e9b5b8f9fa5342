#!/usr/bin/env bash
# `ecli run` hands Wasm modules (files starting with "\0asm", or --invoke) to
# the Wasm host, and keeps packages for itself.
#   wasm_dispatch.sh ECLI EXPECT     EXPECT: "42" (Wasm built in) or "unsupported"
set -u
ECLI=$1 EXPECT=$2
W=$(mktemp -d "${TMPDIR:-/tmp}/ecli-wasm.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
# (module (func (export "f") (result i32) i32.const 42))
printf '\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x07\x05\x01\x01\x66\x00\x00\x0a\x06\x01\x04\x00\x41\x2a\x0b' >"$W/f.wasm"
out=$("$ECLI" run --invoke f "$W/f.wasm" 2>&1)
rc=$?
if [ "$EXPECT" = 42 ]; then
	[ $rc = 0 ] && [ "$out" = 42 ] || { echo "FAIL: --invoke f gave rc=$rc: $out"; exit 1; }
	out=$("$ECLI" run "$W/f.wasm" 2>&1)
	echo "$out" | grep -q "_start" || { echo "FAIL: a module without _start: $out"; exit 1; }
else
	[ $rc = 1 ] && echo "$out" | grep -q "Wasm modules are not supported in this build" ||
		{ echo "FAIL: rc=$rc: $out"; exit 1; }
fi
# a file that is not Wasm stays with the package loader
printf '{"x":1}' >"$W/p.json"
out=$("$ECLI" run "$W/p.json" 2>&1)
echo "$out" | grep -q "missing or non-string field 'bpf_object'" || { echo "FAIL: package path: $out"; exit 1; }
echo "PASS"
