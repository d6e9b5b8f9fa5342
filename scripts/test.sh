#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#   1. the normal build and every test (unit, golden, kernel end-to-end, Wasm spec suite);
#   2. the same tests built with ASan+UBSan (LeakSanitizer on);
#   3. every libFuzzer target for a bounded time.
# Environment: ECC_TEST_SANITIZE=0 skips 2, ECC_FUZZ_SECONDS=N sets the time per
# fuzz target (default 90; 0 skips 3), ECC_JOBS=N parallel jobs.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${ECC_JOBS:-$(nproc)}
FUZZ_SECONDS=${ECC_FUZZ_SECONDS:-90}
SANITIZE=${ECC_TEST_SANITIZE:-1}
total_pass=0
total_fail=0
failed_phases=()

bash scripts/install-deps.sh || exit 1
bash scripts/kernel-env.sh

# Run ctest in a build dir; add its counts to the totals.
run_ctest() {
	local name=$1 dir=$2 log
	log=$(mktemp)
	ctest --test-dir "$dir" -j "$JOBS" --output-on-failure --timeout 600 2>&1 | tee "$log"
	local line pass fail all
	line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
	rm -f "$log"
	if [ -z "$line" ]; then
		echo "test.sh: $name: ctest printed no summary" >&2
		failed_phases+=("$name")
		return
	fi
	fail=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
	all=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
	pass=$((all - fail))
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	[ "$fail" -eq 0 ] || failed_phases+=("$name")
}

build() {
	local dir=$1
	shift
	cmake -S "$ROOT" -B "$dir" "$@" >/dev/null && cmake --build "$dir" -j "$JOBS"
}

echo "=== build (RelWithDebInfo)"
if build build -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
	run_ctest "tests" build
else
	failed_phases+=("build")
fi

if [ "$SANITIZE" != 0 ]; then
	echo "=== build with ASan+UBSan"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
	if build build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DECC_SANITIZE=ON; then
		run_ctest "tests-asan" build-asan
	else
		failed_phases+=("build-asan")
	fi
	unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
fi

if [ "$FUZZ_SECONDS" != 0 ]; then
	echo "=== fuzzing, ${FUZZ_SECONDS}s per target"
	if build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DECC_FUZZ=ON; then
		bash scripts/fuzz.sh build-fuzz "$FUZZ_SECONDS"
		rc=$?
		fz=$(cat build-fuzz/fuzz-summary 2>/dev/null || echo "0 0")
		total_pass=$((total_pass + ${fz% *}))
		total_fail=$((total_fail + ${fz#* }))
		[ $rc -eq 0 ] || failed_phases+=("fuzz")
	else
		failed_phases+=("build-fuzz")
	fi
fi

echo
if [ ${#failed_phases[@]} -ne 0 ]; then
	echo "test.sh: failed: ${failed_phases[*]}"
fi
echo "all: $total_pass passed, $total_fail failed"
[ ${#failed_phases[@]} -eq 0 ]
