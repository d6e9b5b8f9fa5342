#!/bin/sh
# bench/compile/run.sh [ECC] [RUNS] [SOURCE [HEADER]]...
# Times `ecc` (warm cache) against a bare `clang -g -O2 -target bpf` of the
# same file with the same include dirs, interleaved run by run, and prints the
# median time of each and the median ratio ecc/clang per program and overall.
# Default programs: the compiler test programs and examples/*/ (if any).
# ECC_BENCH_FLAGS adds ecc flags (e.g. --no-pch to measure the precompiled header).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ecc=${1:-$root/build/compiler/ecc}
runs=${2:-11}
[ $# -ge 2 ] && shift 2 || shift $#
clang=${CLANG:-clang}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ECC_CACHE_DIR="$tmp/cache"

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# The system include dirs clang reports, as ecc passes them (-idirafter).
sysinc=$("$clang" -v -E -x c /dev/null -o /dev/null 2>&1 |
	sed -n '/#include <...> search starts here:/,/End of search list./p' |
	sed '1d;$d;s/^ *//' | sed 's/^/-idirafter/' | tr '\n' ' ')

programs() {
	if [ $# -gt 0 ]; then
		echo "$@"
		return
	fi
	for d in "$root"/tests/compiler/cases/*/ "$root"/examples/*/; do
		[ -d "$d" ] || continue
		for src in "$d"*.bpf.c; do
			[ -f "$src" ] || continue
			hdr="${src%.bpf.c}.h"
			[ -f "$hdr" ] && echo "$src $hdr" || echo "$src"
		done
	done
}

ratios="$tmp/ratios"
: >"$ratios"
printf '%-28s %10s %10s %8s\n' program "ecc(ms)" "clang(ms)" ratio
programs "$@" | while read -r src hdr; do
	name=$(basename "$src")
	out="$tmp/out-$name"
	# Warm the cache (vmlinux.h, precompiled header, include dirs) once.
	"$ecc" ${ECC_BENCH_FLAGS:-} -o "$out" "$src" $hdr >/dev/null 2>&1 || { echo "skip $name: ecc failed"; continue; }
	vmdir=$(ls -d "$ECC_CACHE_DIR"/vmlinux-* | head -1)
	: >"$tmp/e"
	: >"$tmp/c"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now_ns)
		"$ecc" ${ECC_BENCH_FLAGS:-} -o "$out" "$src" $hdr >/dev/null 2>&1
		t1=$(now_ns)
		# shellcheck disable=SC2086
		"$clang" -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wno-unknown-attributes \
			-I"$(dirname "$src")" -I"$vmdir" $sysinc -c "$src" -o "$tmp/bare.o"
		t2=$(now_ns)
		echo $(((t1 - t0) / 1000)) >>"$tmp/e"
		echo $(((t2 - t1) / 1000)) >>"$tmp/c"
		i=$((i + 1))
	done
	me=$(median <"$tmp/e")
	mc=$(median <"$tmp/c")
	ratio=$(awk -v e="$me" -v c="$mc" 'BEGIN {printf "%.2f", e / c}')
	echo "$ratio" >>"$ratios"
	printf '%-28s %10s %10s %7sx\n' "$name" "$(awk -v v="$me" 'BEGIN {printf "%.1f", v / 1000}')" \
		"$(awk -v v="$mc" 'BEGIN {printf "%.1f", v / 1000}')" "$ratio"
done
[ -s "$ratios" ] || { echo "no program could be timed"; exit 1; }
echo "median ratio ecc/clang: $(median <"$ratios")x (runs per program: $runs)"
