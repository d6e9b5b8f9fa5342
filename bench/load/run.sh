#!/usr/bin/env bash
# bench/load/run.sh [BUILD_DIR] [RUNS]     (as root)
#
# (a) Load: process start to "all attached" and back out, `ecli run
#     --duration 0.001 package.json` against native_loader (libbpf: open the
#     same .bpf.o, load, attach every program, detach). Interleaved run by
#     run; medians and the median ratio ecli/native.
# (b) Decode: events decoded and printed as JSON lines per CPU-second of the
#     consumer, `ecli run -j` against native_consumer (libbpf ring buffer +
#     a hand-written printf of the same struct), fed by the same synthetic
#     producer (getpid() in a loop; one ring buffer record each). The rate is
#     lines printed / (user+sys CPU time the consumer spent while events
#     flowed, from /proc/PID/stat); interleaved; the
#     median ratio native/ecli is printed (how many times faster the
#     hand-written consumer is).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
runs=${2:-11}
ecli=$build/runtime-min/ecli
ecc=$build/compiler/ecc
[ "$(id -u)" = 0 ] || { echo "bench/load needs root (BPF)"; exit 1; }
[ -x "$ecli" ] && [ -x "$ecc" ] || { echo "build ecli and ecc first ($build)"; exit 1; }
mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ecli-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cc_flags="-O2 -Wall $(pkg-config --cflags libbpf)"
libs="$(pkg-config --libs libbpf) -lelf -lz"
gcc $cc_flags "$here/native_loader.c" -o "$tmp/native_loader" $libs
gcc $cc_flags -I"$here" "$here/native_consumer.c" -o "$tmp/native_consumer" $libs
gcc -O2 "$here/producer.c" -o "$tmp/producer"

median() { sort -g | awk '{a[NR]=$1} END {printf "%.10g\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now_ns() { date +%s%N; }

# ---- (a) load --------------------------------------------------------------
mkdir -p "$tmp/boot"
"$ecc" -o "$tmp/boot" "$root/examples/bootstrap/bootstrap.bpf.c" "$root/examples/bootstrap/bootstrap.h" >/dev/null
pkg=$tmp/boot/package.json obj=$tmp/boot/bootstrap.bpf.o
: >"$tmp/a_ecli"; : >"$tmp/a_native"; : >"$tmp/a_ratio"
for i in $(seq "$runs"); do
	t0=$(now_ns); "$ecli" run --duration 0.001 "$pkg" >/dev/null; t1=$(now_ns)
	"$tmp/native_loader" "$obj" bootstrap_bpf >/dev/null; t2=$(now_ns)
	e=$(((t1 - t0) / 1000)) n=$(((t2 - t1) / 1000))
	echo $e >>"$tmp/a_ecli"; echo $n >>"$tmp/a_native"
	awk -v e=$e -v n=$n 'BEGIN {printf "%.4f\n", e / n}' >>"$tmp/a_ratio"
done
printf '(a) load+attach+detach, %d runs: ecli median %s us, native median %s us, median ratio ecli/native %.3f\n' \
	"$runs" "$(median <"$tmp/a_ecli")" "$(median <"$tmp/a_native")" "$(median <"$tmp/a_ratio")"

# ---- (b) decode ------------------------------------------------------------
mkdir -p "$tmp/ev"
"$ecc" -o "$tmp/ev" "$here/progs/bench_events.bpf.c" "$here/progs/bench_events.h" >/dev/null
secs=2
# consume CMD...: run a consumer for secs+2 s while the producer runs for
# secs; prints "lines cpu_seconds produced". cpu_seconds is the consumer's
# user+sys time at exit (GNU time) minus what it had used when it reported
# "attached" (/proc/PID/stat), so the one-off load cost is not counted.
tck=$(getconf CLK_TCK)
consume() {
	local out=$tmp/out err=$tmp/err produced t c0 cpid=
	rm -f "$err"
	/usr/bin/time -f "CPU %U %S" -o "$tmp/cpu" "$@" >"$out" 2>"$err" &
	local tpid=$!
	for t in $(seq 200); do grep -q "attached" "$err" 2>/dev/null && break; sleep 0.02; done
	while [ -z "$cpid" ]; do cpid=$(pgrep -P $tpid); done
	c0=$(awk '{print $14 + $15}' "/proc/$cpid/stat")
	produced=$("$tmp/producer" "$secs")
	wait $tpid
	awk -v l="$(wc -l <"$out")" -v p="$produced" -v c0="$c0" -v hz="$tck" \
		'/^CPU/ {c = $2 + $3 - c0 / hz; printf "%d %.3f %d\n", l, (c > 0.01 ? c : 0.01), p}' "$tmp/cpu"
}
: >"$tmp/b_ecli"; : >"$tmp/b_native"; : >"$tmp/b_ratio"
for i in $(seq "$(( (runs + 1) / 2 ))"); do
	read -r le ce pe < <(consume "$ecli" run -v -j --duration $((secs + 2)) "$tmp/ev/package.json")
	read -r ln cn pn < <(consume "$tmp/native_consumer" "$tmp/ev/bench_events.bpf.o" $((secs + 2)))
	re=$(awk -v l=$le -v c=$ce 'BEGIN {printf "%.0f", l / c}')
	rn=$(awk -v l=$ln -v c=$cn 'BEGIN {printf "%.0f", l / c}')
	echo "$re" >>"$tmp/b_ecli"; echo "$rn" >>"$tmp/b_native"
	awk -v a=$rn -v b=$re 'BEGIN {printf "%.4f\n", a / b}' >>"$tmp/b_ratio"
	echo "  run $i: ecli $le lines in ${ce}s CPU ($re/s; producer made $pe), native $ln lines in ${cn}s CPU ($rn/s; producer made $pn)"
done
printf '(b) JSON events per CPU-second: ecli median %s, native median %s, median ratio native/ecli %.3f\n' \
	"$(median <"$tmp/b_ecli")" "$(median <"$tmp/b_native")" "$(median <"$tmp/b_ratio")"
