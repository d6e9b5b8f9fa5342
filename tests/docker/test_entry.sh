#!/usr/bin/env bash
# scripts/docker-entry.sh run directly (no Docker engine here) on temporary
# directories standing in for the /src mount.
# Usage: test_entry.sh ROOT ECC_BINARY CHECK_FILES
set -uo pipefail
ROOT=${1:?usage: test_entry.sh ROOT ECC CHECK_FILES}
ECC=${2:-}
CHECK=${3:?}
ENTRY=$ROOT/scripts/docker-entry.sh
pass=0
fail=0

if [ -z "$ECC" ] || [ ! -x "$ECC" ]; then
	echo "SKIP: no ecc binary built ('$ECC'); build the ecc target first"
	exit 0
fi
if ! command -v clang >/dev/null || ! command -v llvm-strip >/dev/null; then
	echo "SKIP: ecc needs clang and llvm-strip in PATH"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ECC_BIN=$ECC ECC_CACHE_DIR=$tmp/cache

ok() { pass=$((pass + 1)); }
no() {
	fail=$((fail + 1))
	echo "FAIL: $*"
	[ -f "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | tail -n 20
}
# run NAME EXPECT_RC(0|nonzero) SRC_DIR [ARGS...]: the entry script's exit code.
run() {
	local name=$1 want=$2 dir=$3 rc
	shift 3
	ECC_SRC_DIR=$dir "$ENTRY" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || { [ "$want" != 0 ] && [ $rc -ne 0 ]; }; then
		ok
	else
		no "$name: exit $rc, expected $want"
	fi
}
expect_msg() {
	if grep -q -- "$2" "$tmp/err" "$tmp/out"; then ok; else no "$1: no message matching '$2'"; fi
}
example() { # example NAME DEST: an example's source and header
	mkdir -p "$2"
	cp "$ROOT/examples/$1/$1.bpf.c" "$ROOT/examples/$1/$1.h" "$2/"
}

# 1. /src with one program and its header -> /src/package.json
example bootstrap "$tmp/one"
run "one program" 0 "$tmp/one"
expect_msg "one program" "export header"
if "$CHECK" package "$tmp/one/package.json" event 2>"$tmp/err"; then ok; else no "package.json"; fi

# 1b. as root, outputs go to the owner of the mounted directory
if [ "$(id -u)" = 0 ]; then
	example bootstrap "$tmp/owned"
	chown -R 65534:65534 "$tmp/owned"
	run "owned dir" 0 "$tmp/owned"
	for f in package.json bootstrap.bpf.o bootstrap.skel.json; do
		[ "$(stat -c %u:%g "$tmp/owned/$f" 2>/dev/null)" = 65534:65534 ] && ok ||
			no "owned dir: $f is not owned by the directory's owner"
	done
else
	echo "note: not root, the ownership case is skipped"
fi

# 2. a program without a matching header: no export types, still a package
mkdir -p "$tmp/nohdr"
cat >"$tmp/nohdr/count.bpf.c" <<'PROG'
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
/// How many execs were seen.
u64 execs = 0;
SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	__sync_fetch_and_add(&execs, 1);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
PROG
run "no header" 0 "$tmp/nohdr"
if "$CHECK" package "$tmp/nohdr/package.json" 2>"$tmp/err"; then ok; else no "package.json without header"; fi

# 2b. eunomia's naming: NAME.bpf.h is the header when there is no NAME.h
mkdir -p "$tmp/bpfh"
cp "$ROOT/examples/tc_ingress/tc_ingress.bpf.c" "$tmp/bpfh/"
cp "$ROOT/examples/tc_ingress/tc_ingress.h" "$tmp/bpfh/tc_ingress.bpf.h"
sed -i 's/"tc_ingress.h"/"tc_ingress.bpf.h"/' "$tmp/bpfh/tc_ingress.bpf.c"
run "NAME.bpf.h" 0 "$tmp/bpfh"
expect_msg "NAME.bpf.h" "export header $tmp/bpfh/tc_ingress.bpf.h"
if "$CHECK" package "$tmp/bpfh/package.json" packet_event 2>"$tmp/err"; then ok; else no "NAME.bpf.h package"; fi

# 3. nothing to compile, two programs, no directory: clear errors
mkdir -p "$tmp/empty"
run "empty dir" 1 "$tmp/empty"
expect_msg "empty dir" "no .bpf.c file in $tmp/empty"
example bootstrap "$tmp/two"
example syslat "$tmp/two"
run "two programs" 1 "$tmp/two"
expect_msg "two programs" "bootstrap.bpf.c syslat.bpf.c"
[ -e "$tmp/two/package.json" ] && no "two programs: a package.json was written" || ok
run "no such dir" 1 "$tmp/missing"
expect_msg "no such dir" "$tmp/missing is not a directory"

# 4. a compile error: clang's message shown, no package left behind
mkdir -p "$tmp/broken"
printf '#include <vmlinux.h>\nint f(void) { return undeclared_thing; }\n' >"$tmp/broken/broken.bpf.c"
run "clang error" 1 "$tmp/broken"
expect_msg "clang error" "undeclared_thing"
[ -e "$tmp/broken/package.json" ] && no "clang error: package.json left behind" || ok

# 5. with arguments: plain ecc
run "ecc -V" 0 "$tmp/empty" -V
expect_msg "ecc -V" "ecc "
example sigsnoop "$tmp/args"
run "ecc with args" 0 "$tmp/empty" "$tmp/args/sigsnoop.bpf.c" "$tmp/args/sigsnoop.h" -o "$tmp/args/out"
if "$CHECK" package "$tmp/args/out/package.json" signal_event 2>"$tmp/err"; then ok; else no "args package"; fi

# 6. a host without /sys/kernel/btf/vmlinux: the image's fallback BTF is used
if [ -r /sys/kernel/btf/vmlinux ]; then
	example bootstrap "$tmp/nobtf"
	ECC_KERNEL_BTF=$tmp/none ECC_FALLBACK_BTF=/sys/kernel/btf/vmlinux \
		run "fallback BTF" 0 "$tmp/nobtf"
	expect_msg "fallback BTF" "using /sys/kernel/btf/vmlinux"
	ECC_KERNEL_BTF=$tmp/none ECC_FALLBACK_BTF=/sys/kernel/btf/vmlinux \
		run "fallback BTF, user --btf wins" 0 "$tmp/empty" --btf /sys/kernel/btf/vmlinux -V
	grep -q "using" "$tmp/err" && no "fallback BTF added although --btf was given" || ok
else
	echo "note: no /sys/kernel/btf/vmlinux, fallback-BTF case skipped"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
