#!/usr/bin/env bash
# ecc -b/--btfgen end to end: a btfhub-archive tree made from this machine's
# BTF (one kernel named after this machine, one .btf.tar.xz made with tar -J),
# the tar's entries, byte-identical output from two runs, tailored sizes, and
# missing or empty archive dirs failing with a message and no tar. With ECLI:
# `ecli run` of the tar with the tailored BTF standing in for the kernel's
# (ECLI_BTF_PATH) loads, attaches and prints the exec events it sees.
# usage: e2e_ecc_btfgen.sh ECC SOURCE.bpf.c [ECLI]
set -uo pipefail
ECC=${1:?ecc binary}
SRC=${2:?source .bpf.c}
ECLI=${3:-}
[ -r /sys/kernel/btf/vmlinux ] || { echo "SKIP: no /sys/kernel/btf/vmlinux to build fixtures from"; exit 0; }
command -v xz >/dev/null || { echo "SKIP: xz not installed (needed for tar -J)"; exit 0; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
check() { # check "what" command...
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; return 1; fi
}

. /etc/os-release
ARCH=$(uname -m)
[ "$ARCH" = aarch64 ] && ARCH=arm64
mine="$ID/$VERSION_ID/$ARCH/$(uname -r).btf"
mkdir -p "$W/arch/$(dirname "$mine")" "$W/arch/ubuntu/20.04/x86_64" "$W/src"
cp /sys/kernel/btf/vmlinux "$W/arch/$mine"
cp /sys/kernel/btf/vmlinux "$W/src/5.4.0-42-generic.btf"
tar -C "$W/src" -cJf "$W/arch/ubuntu/20.04/x86_64/5.4.0-42-generic.btf.tar.xz" 5.4.0-42-generic.btf
cp "$SRC" "$W/src/probe.bpf.c"

"$ECC" "$W/src/probe.bpf.c" -o "$W/out1" -b --btfhub-archive "$W/arch" >"$W/log1" 2>&1
check "ecc --btfgen succeeds" test $? -eq 0 || cat "$W/log1"
expected=$(printf '%s\n' "btfhub-archive/$mine" "btfhub-archive/ubuntu/20.04/x86_64/5.4.0-42-generic.btf" \
	probe.bpf.o package.json | sort)
check "tar lists exactly the expected entries" \
	test "$(tar -tf "$W/out1/probe.tar" 2>&1)" = "$expected"
"$ECC" "$W/src/probe.bpf.c" -o "$W/out2" -b --btfhub-archive "$W/arch" >/dev/null 2>&1
check "two runs give identical bytes" cmp -s "$W/out1/probe.tar" "$W/out2/probe.tar"

mkdir -p "$W/x"
tar -C "$W/x" -xf "$W/out1/probe.tar"
size=$(stat -c %s "$W/x/btfhub-archive/$mine")
full=$(stat -c %s /sys/kernel/btf/vmlinux)
check "tailored BTF ($size bytes) is at least 50x smaller than $full" test $((size * 50)) -lt "$full"
check "the packaged object is the compiled one" cmp -s "$W/x/probe.bpf.o" "$W/out1/probe.bpf.o"
check "the packaged package.json is ecc's" cmp -s "$W/x/package.json" "$W/out1/package.json"

"$ECC" "$W/src/probe.bpf.c" -o "$W/out3" -b --btfhub-archive "$W/no-such-dir" >"$W/log3" 2>&1
rc=$?
check "missing archive dir fails" test $rc -ne 0
check "the message names the directory" grep -q "$W/no-such-dir" "$W/log3"
check "no tar is left behind" test ! -e "$W/out3/probe.tar"

mkdir -p "$W/empty"
"$ECC" "$W/src/probe.bpf.c" -o "$W/out4" -b --btfhub-archive "$W/empty" >"$W/log4" 2>&1
check "empty archive dir fails" test $? -ne 0
check "the message says no kernel BTF" grep -q "no kernel BTF" "$W/log4"
check "no tar is left behind (empty)" test ! -e "$W/out4/probe.tar"

run_ecli() {
	if [ -z "$ECLI" ]; then
		echo "SKIP ecli run: no ecli given"
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP ecli run: needs root to load BPF"
		return
	fi
	if ! mountpoint -q /sys/kernel/tracing && ! mount -t tracefs tracefs /sys/kernel/tracing; then
		echo "SKIP ecli run: tracefs is not mounted and cannot be"
		return
	fi
	ECLI_BTF_PATH="$W/x/btfhub-archive/$mine" "$ECLI" run --duration 2 "$W/out1/probe.tar" \
		>"$W/ecli.out" 2>"$W/ecli.err" &
	local pid=$! i
	for i in $(seq 1 30); do /bin/true; sleep 0.05; done
	wait $pid
	check "ecli runs the tar on the tailored BTF" test $? -eq 0 || cat "$W/ecli.err"
	# comm is read through a CO-RE relocation resolved against the tailored
	# BTF: "true" shows up as text or as its bytes (74727565) in a raw dump
	check "ecli printed the exec events of /bin/true" grep -qiE 'true|74727565' "$W/ecli.out"
	ECLI_BTF_PATH="$W/no-such.btf" "$ECLI" run --duration 1 "$W/out1/probe.tar" >/dev/null 2>"$W/ecli.err2"
	check "a missing ECLI_BTF_PATH file fails" test $? -ne 0
	check "and is named" grep -q "$W/no-such.btf" "$W/ecli.err2"
}
run_ecli

[ $fail -eq 0 ] && echo "e2e ecc --btfgen: all passed"
exit $fail
