#!/usr/bin/env bash
# Run every libFuzzer target of a build (ECC_FUZZ=ON) for SECONDS each,
# seeded from tests/fuzz/corpus/<target>/ when that exists. A crash is kept in
# BUILD/fuzz-crashes/<target>/ and fails the run. Writes "passed failed" to
# BUILD/fuzz-summary and prints executions per target.
set -uo pipefail
BUILD=${1:?usage: fuzz.sh BUILD_DIR SECONDS}
SECONDS_EACH=${2:-45}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
pass=0
fail=0
mapfile -t targets < <(find "$BUILD" -maxdepth 4 -type f -perm -u+x -name 'fuzz_*' | sort)
if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz: no fuzz targets in $BUILD"
	echo "0 1" >"$BUILD/fuzz-summary"
	exit 1
fi
for t in "${targets[@]}"; do
	name=$(basename "$t")
	work=$(mktemp -d)
	crashes="$BUILD/fuzz-crashes/$name"
	mkdir -p "$crashes"
	seeds=()
	[ -d "$ROOT/tests/fuzz/corpus/$name" ] && seeds=("$ROOT/tests/fuzz/corpus/$name")
	"$t" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix="$crashes/" -print_final_stats=1 "$work" "${seeds[@]}" \
		>"$work.log" 2>&1
	rc=$?
	execs=$(grep -E '^stat::number_of_executed_units' "$work.log" | awk '{print $2}')
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "fuzz: $name: ok, ${execs:-?} executions in ${SECONDS_EACH}s"
	else
		fail=$((fail + 1))
		echo "fuzz: $name: FAILED (exit $rc), ${execs:-?} executions; artifacts in $crashes"
		tail -n 40 "$work.log"
	fi
	rm -rf "$work" "$work.log"
done
echo "$pass $fail" >"$BUILD/fuzz-summary"
[ $fail -eq 0 ]
