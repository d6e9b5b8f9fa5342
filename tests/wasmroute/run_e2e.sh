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
expect() { if grep -qF -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1"; fi; }

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

# exec events for the tracepoint while the tests run (bounded: about two
# minutes even if this script is killed before its trap runs)
(i=0; while [ $i -lt 2400 ]; do /bin/true; sleep 0.05; i=$((i + 1)); done) &
LOOP=$!

# the user app, in its own network namespace (xdp on that namespace's lo)
unshare -n sh -c "ip link set lo up && timeout -s INT 20 '$RUNNER' '$TMP/custom/app.wasm'" \
	>"$TMP/custom.out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "custom app exited $rc"; cat "$TMP/custom.out"; fi
expect "$TMP/custom.out" "bss lookup=0 counter=5"
expect "$TMP/custom.out" "data lookup=0 knob=9"
expect "$TMP/custom.out" "attached"
expect "$TMP/custom.out" "duration_ns=1000 exit_event=1 delta=-1"

# the default app: flags into .rodata, xdp target from --ifname, JSON lines
unshare -n sh -c "ip link set lo up && timeout -s INT 3 '$RUNNER' '$TMP/default/app.wasm' \
	-j --min_duration_ns=777 --enable-verbose --ifname lo" >"$TMP/default.out" 2>"$TMP/default.err"
expect "$TMP/default.out" '"duration_ns":777,"comm":"true","exit_event":true'
expect "$TMP/default.out" '"delta":-1,"kind":"K_EXEC(1)","pos":{"x":7,"y":-2},"flags_lo":5,"signed_bits":-3,"as_u32":131073,"as_u16":[1,2],"hist":[{"x":1,"y":0},{"x":0,"y":-5}]}'
expect "$TMP/default.err" "program 'tc_pass' (SEC(\"tc\")) cannot be attached"
# without an export struct, records print as hex bytes
"$DRIVER" build "$TMP/boot.bpf.o" boot_bpf "$TMP/nohdr" 2>/dev/null || bad "build without header"
unshare -n sh -c "ip link set lo up && timeout -s INT 3 '$RUNNER' '$TMP/nohdr/app.wasm' \
	-j --ifname lo" >"$TMP/nohdr.out" 2>/dev/null
if grep -q -E '^\{"data":"[0-9a-f]{256}"\}$' "$TMP/nohdr.out"; then ok; else
	bad "no hex records"
	head -3 "$TMP/nohdr.out"
fi

# --disable-NAME clears a bool
unshare -n sh -c "ip link set lo up && timeout -s INT 3 '$RUNNER' '$TMP/default/app.wasm' \
	-j --verbose --disable-verbose --ifname lo" >"$TMP/disable.out" 2>/dev/null
expect "$TMP/disable.out" '"comm":"true","exit_event":false'
"$RUNNER" "$TMP/default/app.wasm" --help >"$TMP/help.out" 2>&1
expect "$TMP/help.out" "      --min_duration_ns VALUE"
expect "$TMP/help.out" "      --verbose"
# a bad flag value is refused before anything is loaded
timeout 10 "$RUNNER" "$TMP/default/app.wasm" --target_pid notanumber >"$TMP/bad.out" 2>&1 &&
	bad "bad flag accepted" || ok
expect "$TMP/bad.out" "bad value 'notanumber' for --target_pid"

# doc-comment defaults and option names from the meta
cat >"$TMP/boot.meta.json" <<'JSON'
{"bpf_skel": {"data_sections": [{"name": ".rodata", "variables": [
	{"name": "min_duration_ns", "cmdarg": {"default": 555, "long": "min-duration", "short": "m"}},
	{"name": "verbose", "cmdarg": {"default": true}, "description": "say more"}]}]}}
JSON
"$DRIVER" build "$TMP/boot.bpf.o" boot_bpf "$TMP/meta" -H "$B/boot.h" event \
	-m "$TMP/boot.meta.json" 2>/dev/null || bad "build with meta"
unshare -n sh -c "ip link set lo up && timeout -s INT 3 '$RUNNER' '$TMP/meta/app.wasm' \
	-j --ifname lo" >"$TMP/meta.out" 2>/dev/null
expect "$TMP/meta.out" '"duration_ns":555,"comm":"true","exit_event":true'
"$RUNNER" "$TMP/meta/app.wasm" -h >"$TMP/meta-help.out" 2>&1
expect "$TMP/meta-help.out" "  -m, --min-duration VALUE"
expect "$TMP/meta-help.out" "      --disable-verbose  say more"

# sampled maps (meta as ecc writes it): a log2 histogram and key/value counters
build_example() {
	x=$1
	meta=$2
	shift 2
	printf '#include "%s"\n' "$SRC/examples/$x/$x.bpf.c" >"$TMP/$x.w.bpf.c"
	for st in "$@"; do echo "struct $st *__ecc_keep_$st;" >>"$TMP/$x.w.bpf.c"; done
	echo "$meta" >"$TMP/$x.meta.json"
	clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$TMP" -I"$SRC/examples/$x" -c \
		"$TMP/$x.w.bpf.c" -o "$TMP/$x.bpf.o" && llvm-strip -g "$TMP/$x.bpf.o" &&
		"$DRIVER" build "$TMP/$x.bpf.o" "${x}_bpf" "$TMP/$x" -m "$TMP/$x.meta.json" 2>/dev/null
}
if [ -f "$SRC/examples/syslat/syslat.bpf.c" ]; then
	build_example syslat '{"bpf_skel":{"maps":[{"name":"hists","sample":
		{"interval":500,"type":"log2_hist","unit":"usecs"}}]}}' hist || bad "syslat build"
	timeout -s INT 3 "$RUNNER" "$TMP/syslat/app.wasm" >"$TMP/syslat.out" 2>&1
	expect "$TMP/syslat.out" "     usecs               : count    distribution"
	if grep -q -E '^ +[0-9]+ -> [0-9]+ +: [0-9]+ +\|\*+ *\|$' "$TMP/syslat.out"; then ok; else
		bad "no histogram row"
		cat "$TMP/syslat.out"
	fi
	# the same map as a linear histogram, cleared after each dump
	build_example syslat '{"bpf_skel":{"maps":[{"name":"hists","sample":
		{"interval":500,"type":"linear_hist","unit":"slot","clear_map":true}}]}}' hist ||
		bad "syslat linear build"
	timeout -s INT 3 "$RUNNER" "$TMP/syslat/app.wasm" >"$TMP/linear.out" 2>&1
	expect "$TMP/linear.out" "slot       : count    distribution"
	if grep -q -E '^ +[0-9]+ : [0-9]+ +\|\*+ *\|$' "$TMP/linear.out"; then ok; else
		bad "no linear histogram row"
		cat "$TMP/linear.out"
	fi
fi
# a 64-slot log2 histogram: the last row is [2^63, 2^64 - 1], not a shift by 64
H64=$SRC/tests/wasmroute/apps/hist64
echo '{"bpf_skel":{"maps":[{"name":"hists","sample":{"interval":500,"type":"log2_hist","unit":"v"}}]}}' \
	>"$TMP/hist64.meta.json"
printf '#include "%s"\nstruct hist *__ecc_keep_hist;\n' "$H64/hist64.bpf.c" >"$TMP/hist64.w.bpf.c"
if clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$TMP" -I"$H64" -c "$TMP/hist64.w.bpf.c" \
	-o "$TMP/hist64.bpf.o" && llvm-strip -g "$TMP/hist64.bpf.o" &&
	"$DRIVER" build "$TMP/hist64.bpf.o" hist64_bpf "$TMP/hist64" -m "$TMP/hist64.meta.json" 2>/dev/null; then
	timeout -s INT 3 "$RUNNER" "$TMP/hist64/app.wasm" >"$TMP/hist64.out" 2>&1
	expect "$TMP/hist64.out" "         0 -> 1          : 1        |"
	expect "$TMP/hist64.out" "9223372036854775808 -> 18446744073709551615 : 2        |"
else
	bad "hist64 build"
fi
if [ -f "$SRC/examples/xdp_count/xdp_count.bpf.c" ] && command -v python3 >/dev/null; then
	build_example xdp_count '{"bpf_skel":{"maps":[{"name":"counters","sample":
		{"interval":500,"type":"default_kv"}}]}}' proto_key proto_stats || bad "xdp_count build"
	unshare -n sh -c "ip link set lo up
		(sleep 0.7; python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(20): s.sendto(b\"x\" * 100, (\"127.0.0.1\", 9999))') &
		timeout -s INT 3 '$RUNNER' '$TMP/xdp_count/app.wasm' -j --ifname lo" \
		>"$TMP/xdp.out" 2>&1
	expect "$TMP/xdp.out" '{"key":{"eth_proto":2048,"ip_proto":17,"pad":0},"value":{"packets":'
fi

# a cgroup program, attached with --cgroup (the path granted with --dir),
# counting the packets a process in that cgroup sends
if command -v python3 >/dev/null; then
	C=$SRC/tests/wasmroute/apps/cg
	clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$TMP" -c "$C/cg.bpf.c" -o "$TMP/cg.bpf.o" &&
		llvm-strip -g "$TMP/cg.bpf.o" || bad "cg compile"
	echo '{"bpf_skel":{"maps":[{"name":"egress_packets","sample":{"interval":300,"type":"default_kv"}}]}}' \
		>"$TMP/cg.meta.json"
	"$DRIVER" build "$TMP/cg.bpf.o" cg_bpf "$TMP/cg" -m "$TMP/cg.meta.json" 2>/dev/null ||
		bad "cg app build"
	CGDIR=$TMP/cgroup2
	mkdir -p "$CGDIR"
	if mount -t cgroup2 none "$CGDIR" 2>/dev/null; then
		mkdir "$CGDIR/ecc-wasmroute"
		(sleep 0.7; sh -c "echo \$\$ >'$CGDIR/ecc-wasmroute/cgroup.procs' && exec python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(5): s.sendto(b\"x\", (\"127.0.0.1\", 9))'") &
		SENDER=$!
		timeout -s INT 3 "$RUNNER" --dir "$CGDIR" "$TMP/cg/app.wasm" \
			--cgroup "$CGDIR/ecc-wasmroute" >"$TMP/cg.out" 2>&1
		wait $SENDER
		expect "$TMP/cg.out" "key=0 value=5"
		rmdir "$CGDIR/ecc-wasmroute"
		umount "$CGDIR"
	else
		echo "skip: cannot mount a cgroup2 hierarchy"
	fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
