#!/bin/sh
# SPDX-License-Identifier: MIT
# CPU-bound C programs compiled freestanding for wasm32, timed with our
# engine (`ecli run --invoke` when ecli is built, else the wasmi_invoke test
# driver), natively (same C for the host) and under wabt's wasm-interp,
# interleaved round by round; prints the best time of each and the ratios.
#   bench/wasm/run.sh [BUILD_DIR]     (ROUNDS=3 by default)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-$repo/build-wasm}
rounds=${ROUNDS:-3}
progs="fib sort str"

for tool in clang wasm-interp cmake; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
if [ ! -x "$build/tests/wasmi_invoke" ]; then
	cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j2 --target wasmi_invoke >/dev/null
fi
if [ -x "$build/runtime-min/ecli" ]; then
	ours="$build/runtime-min/ecli run --invoke run"
	echo "engine: ecli run --invoke"
else
	ours="$build/tests/wasmi_invoke"
	echo "engine: wasmi_invoke"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/wasmbench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

for p in $progs; do
	clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export=run \
		-o "$work/$p.wasm" "$here/progs/$p.c"
	clang -O2 -o "$work/$p.native" "$here/progs/$p.c" "$here/progs/native_main.c"
done

# now_ns: nanoseconds from a monotonic-enough clock
now_ns() { date +%s%N; }

# run_one ENGINE PROG: runs once, prints "RESULT NANOSECONDS"
run_one() {
	case $1 in
	native) cmd="$work/$2.native" ;;
	wasmi)
		case $ours in
		*ecli*) cmd="$ours $work/$2.wasm" ;;
		*) cmd="$ours $work/$2.wasm run" ;;
		esac ;;
	wasm-interp) cmd="wasm-interp --run-all-exports $work/$2.wasm" ;;
	esac
	t0=$(now_ns)
	out=$($cmd) || { echo "run.sh: $1 $2 failed" >&2; exit 1; }
	t1=$(now_ns)
	# keep only the number: "i32:N", "run() => i32:N" or "N"
	res=$(printf '%s\n' "$out" | sed -n 's/.*i32://p; /^-\{0,1\}[0-9][0-9]*$/p' | head -n1)
	echo "$res $((t1 - t0))"
}

for r in $(seq "$rounds"); do
	for p in $progs; do
		for e in native wasmi wasm-interp; do
			set -- $(run_one "$e" "$p")
			echo "$p $e $1 $2" >>"$work/times"
		done
	done
done

# best time per program and engine; results must agree (signedness aside)
awk -v rounds="$rounds" '
function fix(v) { return v < 0 ? v + 4294967296 : v }
{
	k = $1 " " $2
	if (!(k in best) || $4 < best[k]) best[k] = $4
	r = fix($3)
	if (($1 in res) && res[$1] != r) bad[$1] = 1
	res[$1] = r
}
END {
	printf "%-6s %12s %12s %14s %14s %16s\n", "prog", "native ms", "wasmi ms", "wasm-interp ms",
	       "wasmi/native", "wasm-interp/wasmi"
	n = split("fib sort str", ps, " ")
	fail = 0
	for (i = 1; i <= n; i++) {
		p = ps[i]
		nat = best[p " native"] / 1e6; wi = best[p " wasmi"] / 1e6; wa = best[p " wasm-interp"] / 1e6
		printf "%-6s %12.1f %12.1f %14.1f %13.1fx %15.1fx%s\n", p, nat, wi, wa, wi / nat, wa / wi,
		       (p in bad) ? "  RESULTS DIFFER" : ""
		if (p in bad) fail = 1
	}
	printf "(best of %d interleaved rounds)\n", rounds
	exit fail
}' "$work/times"
