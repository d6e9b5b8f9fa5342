#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs app.wasm files built by the Wasm route under the engine's `ecli run`
# (as root, against the real kernel): a user app on the skeleton checks
# that .rodata values are patched before load, .bss values written after
# load, programs attached (xdp on lo in a private network namespace) and
# ring buffer records delivered; the default app prints events as JSON lines
# with its flags applied and names the program it cannot attach.
#
# usage: run_e2e.sh WASM_DRIVER RUNNER SOURCE_DIR
set -u
DRIVER=$1
RUNNER=$2
SRC=$3
B=$SRC/tests/wasmroute/apps/boot
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1"; fi; }

if [ "$(id -u)" != 0 ]; then
	echo "skip: running BPF programs needs root"
	exit 0
fi
for tool in clang bpftool llvm-strip unshare ip timeout; do
	command -v $tool >/dev/null 2>&1 || { echo "skip: $tool not installed"; exit 0; }
done
if ! mountpoint -q /sys/kernel/tracing; then
	mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null ||
		{ echo "skip: cannot mount tracefs"; exit 0; }
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecc-wasmrun.XXXXXX") || exit 1
LOOP=
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"; [ -n "$LOOP" ] && kill $LOOP 2>/dev/null' EXIT

bpftool btf dump file /sys/kernel/btf/vmlinux format c >"$TMP/vmlinux.h" || exit 1
printf '#include "%s"\nstruct event *__ecc_keep_event;\n' "$B/boot.bpf.c" >"$TMP/w.bpf.c"
clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$TMP" -I"$B" -c "$TMP/w.bpf.c" -o "$TMP/boot.bpf.o" &&
	llvm-strip -g "$TMP/boot.bpf.o" || { bad "BPF compile"; exit 1; }
"$DRIVER" build "$TMP/boot.bpf.o" boot_bpf "$TMP/custom" -H "$B/boot.h" event \
	-a "$B/custom_app.c" 2>/dev/null || bad "custom app build"
"$DRIVER" build "$TMP/boot.bpf.o" boot_bpf "$TMP/default" -H "$B/boot.h" event 2>/dev/null ||
	bad "default app build"

# exec events for the tracepoint, for as long as the tests run
(while :; do /bin/true; sleep 0.05; done) &
LOOP=$!

# the user app, in its own network namespace (xdp on that namespace's lo)
unshare -n sh -c "ip link set lo up && timeout -s INT 20 '$RUNNER' '$TMP/custom/app.wasm'" \
	>"$TMP/custom.out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "custom app exited $rc"; cat "$TMP/custom.out"; fi
expect "$TMP/custom.out" "bss lookup=0 counter=5"
expect "$TMP/custom.out" "attached"
expect "$TMP/custom.out" "duration_ns=1000 exit_event=1 delta=-1"

# the default app: flags into .rodata, xdp target from --ifname, JSON lines
unshare -n sh -c "ip link set lo up && timeout -s INT 3 '$RUNNER' '$TMP/default/app.wasm' \
	-j --min_duration_ns 777 --verbose --ifname lo" >"$TMP/default.out" 2>"$TMP/default.err"
expect "$TMP/default.out" '"duration_ns":777,"comm":"true","exit_event":true'
expect "$TMP/default.err" "program 'tc_pass' (SEC(\"tc\")) cannot be attached"
# a bad flag value is refused before anything is loaded
timeout 10 "$RUNNER" "$TMP/default/app.wasm" --target_pid notanumber >"$TMP/bad.out" 2>&1 &&
	bad "bad flag accepted" || ok
expect "$TMP/bad.out" "bad value 'notanumber' for --target_pid"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
