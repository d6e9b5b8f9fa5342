#!/usr/bin/env bash
# A log2 histogram whose last (64th) slot is filled: ecli must print its row
# as 2^63 -> 2^64-1 (no shift by 64). Root: attaches a tracepoint.
# usage: hist64.sh ECC ECLI SRC_DIR
set -u
ECC=$1 ECLI=$2 SRC=$3
[ "$(id -u)" -eq 0 ] || { echo "hist64: skipped: needs root to attach"; exit 77; }
mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
app=$SRC/tests/wasmroute/apps/hist64
cp "$app/hist64.h" "$tmp/"
# the same program, with the map documented as a sampled log2 histogram
sed 's|^} hists SEC(".maps");|} hists SEC(".maps");|; /^struct {$/i /// @sample {"interval": 500, "type": "log2_hist", "unit": "ns"}' \
	"$app/hist64.bpf.c" >"$tmp/hist64.bpf.c"
"$ECC" "$tmp/hist64.bpf.c" "$tmp/hist64.h" -o "$tmp/out" >/dev/null || { echo "hist64: ecc failed"; exit 1; }
"$ECLI" run --duration 2 "$tmp/out/package.json" >"$tmp/log" 2>&1 &
pid=$!
for _ in 1 2 3 4 5 6 7 8; do sleep 0.2; /bin/true; done
wait $pid
rc=$?
fail=0
grep -q '9223372036854775808 -> 18446744073709551615 : 2' "$tmp/log" || { echo "hist64: last row missing or wrong"; fail=1; }
grep -qE '^ +0 -> 1 +: 1 ' "$tmp/log" || { echo "hist64: first row missing or wrong"; fail=1; }
grep -q 'runtime error' "$tmp/log" && { echo "hist64: sanitizer report"; fail=1; }
[ $rc -eq 0 ] || { echo "hist64: ecli exited $rc"; fail=1; }
if [ $fail -ne 0 ]; then
	sed 's/^/  | /' "$tmp/log" | head -n 30
	echo "hist64: 0 passed, 1 failed"
	exit 1
fi
echo "hist64: 1 passed, 0 failed"
