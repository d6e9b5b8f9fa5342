#!/bin/sh
# cache.sh ECC BTF SOURCE HEADER: the cache and the precompiled header.
#  1. four runs in parallel on an empty cache all succeed, with identical outputs;
#  2. the object is byte-identical with and without the precompiled header,
#     also with a -D that changes vmlinux.h (clang would silently ignore it
#     under a stale precompiled header);
#  3. different flags make different precompiled headers;
#  4. a vmlinux.h next to the source wins over the generated one.
set -u
ecc=$1 btf=$2 src=$3 hdr=$4
abs() { case $1 in /*) echo "$1" ;; */*) echo "$PWD/$1" ;; *) echo "$1" ;; esac; }
ecc=$(abs "$ecc") btf=$(abs "$btf")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ECC_CACHE_DIR="$work/cache"
fail() { echo "FAIL: $*" >&2; exit 1; }

pids=""
for i in 1 2 3 4; do
	"$ecc" -o "$work/p$i" --btf "$btf" "$src" "$hdr" 2>"$work/err$i" &
	pids="$pids $!"
done
for pid in $pids; do
	wait "$pid"
done
for i in 1 2 3 4; do
	[ -f "$work/p$i/package.json" ] || { cat "$work/err$i" >&2; fail "parallel run $i wrote no package"; }
	cmp "$work/p1/package.json" "$work/p$i/package.json" || fail "parallel run $i differs"
done
ls "$ECC_CACHE_DIR" | grep -q '\.tmp\.' && fail "temporary files left in the cache: $(ls "$ECC_CACHE_DIR")"
echo "ok: 4 parallel runs on an empty cache agree"

# The same sources elsewhere, compiled from another working directory: same bytes.
mkdir -p "$work/elsewhere/deeper"
cp "$src" "$hdr" "$work/elsewhere/deeper/"
(cd "$work/elsewhere" && "$ecc" -o "$work/moved" --btf "$btf" "deeper/$(basename "$src")" \
	"deeper/$(basename "$hdr")") || fail "run on moved sources"
cmp "$work/p1/package.json" "$work/moved/package.json" || fail "the package depends on where the sources are"
echo "ok: the package does not depend on the sources' location or the working directory"

obj=$(basename "$src" .c).o
"$ecc" -o "$work/nopch" --no-pch --btf "$btf" "$src" "$hdr" || fail "--no-pch run"
cmp "$work/p1/$obj" "$work/nopch/$obj" || fail "object differs with and without the precompiled header"

# A direct field access of a kernel struct: CO-RE relocated unless
# BPF_NO_PRESERVE_ACCESS_INDEX is defined before vmlinux.h.
mkdir "$work/direct"
cat >"$work/direct/direct.bpf.c" <<'EOT'
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
SEC("tp/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx) { return ctx->next_pid; }
char LICENSE[] SEC("license") = "GPL";
EOT
d="$work/direct/direct.bpf.c"
"$ecc" -o "$work/d0" --btf "$btf" "$d" || fail "direct.bpf.c"
for flags in "-a -DBPF_NO_PRESERVE_ACCESS_INDEX" "-a=-DEXTRA_FLAG=1"; do
	# shellcheck disable=SC2086
	"$ecc" -o "$work/f1" $flags --btf "$btf" "$d" || fail "run with $flags"
	# shellcheck disable=SC2086
	"$ecc" -o "$work/f2" $flags --no-pch --btf "$btf" "$d" || fail "--no-pch run with $flags"
	cmp "$work/f1/direct.bpf.o" "$work/f2/direct.bpf.o" || fail "$flags: precompiled header changed the object"
	[ "$flags" = "-a=-DEXTRA_FLAG=1" ] || cp "$work/f1/direct.bpf.o" "$work/noidx.o"
done
cmp -s "$work/d0/direct.bpf.o" "$work/noidx.o" && fail "-DBPF_NO_PRESERVE_ACCESS_INDEX had no effect (test is void)"
echo "ok: objects identical with and without the precompiled header, -D flags honoured"

n=$(ls "$ECC_CACHE_DIR"/pch-*.pch | wc -l)
# no extra flags (shared by ringbuf's and direct's dirs), and the two flag sets
[ "$n" -eq 3 ] || fail "expected 3 precompiled headers (3 flag sets), found $n"
echo "ok: one precompiled header per flag set, shared across source directories"

# A precompiled header libclang cannot read is left out of the doc parse, same package.
for pch in "$ECC_CACHE_DIR"/pch-*.pch; do
	rm -f "$pch.libclang"
	: >"$pch.nolibclang"
done
"$ecc" -v -o "$work/nolibclang" --btf "$btf" "$src" "$hdr" 2>"$work/v.txt" || fail "run without libclang's pch"
grep "doc comments (libclang" "$work/v.txt" | grep -q include-pch && fail "doc parse still used the pch"
grep -q "^ecc: compile: .*-include-pch" "$work/v.txt" || fail "the compile stopped using the pch"
cmp "$work/p1/package.json" "$work/nolibclang/package.json" || fail "package differs when libclang skips the pch"
rm -f "$ECC_CACHE_DIR"/pch-*.nolibclang
echo "ok: a precompiled header libclang cannot read is used by clang only"

# A vmlinux.h regenerated after a partial cache clean-up gets a new precompiled header.
rm -f "$ECC_CACHE_DIR"/vmlinux-*/vmlinux.h
"$ecc" -o "$work/regen" --btf "$btf" "$src" "$hdr" || fail "run after removing the cached vmlinux.h"
cmp "$work/p1/$obj" "$work/regen/$obj" || fail "object differs after regenerating vmlinux.h"
echo "ok: a regenerated vmlinux.h gets a fresh precompiled header"

mkdir "$work/own"
cat >"$work/own/vmlinux.h" <<'EOT'
#ifndef __VMLINUX_H__
#define __VMLINUX_H__
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int __s32;
typedef long long __s64;
typedef unsigned short __u16;
typedef unsigned char __u8;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
struct only_in_users_vmlinux { int marker; };
#endif
EOT
cat >"$work/own/own.bpf.c" <<'EOT'
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
SEC("tp/sched/sched_process_exec")
int on_exec(struct only_in_users_vmlinux *ctx) { return ctx->marker; }
char LICENSE[] SEC("license") = "GPL";
EOT
"$ecc" -o "$work/own/out" "$work/own/own.bpf.c" || fail "the user's vmlinux.h was not used"
echo "ok: a vmlinux.h next to the source wins"
