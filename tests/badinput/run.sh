#!/usr/bin/env bash
# The bad-input suite: one folder per case. Each folder holds its input files,
# `cmd` (the command line: @ECC@, @ECLI@, @CASE@ = the case folder, @OUT@ = a
# fresh empty output folder) and `expect`: the first line is the exit code
# (a number, or `nonzero`: 1..123), the other lines are strings that must all appear in stderr.
# Optional `signal`: "SIG MS" sends SIG to the command after MS milliseconds.
# Every case must also: not die of a signal it was not sent, print no
# sanitizer report, and leave @OUT@ empty.
# usage: run.sh ECC ECLI CASE_DIR...
set -u
ECC=$1
ECLI=$2
shift 2
pass=0
fail=0

run_case() {
	local dir=$1 name out errf cmdline want rc sig ms
	name=$(basename "$dir")
	out=$(mktemp -d)
	errf=$(mktemp)
	cmdline=$(head -n 1 "$dir/cmd")
	cmdline=${cmdline//@ECC@/$ECC}
	cmdline=${cmdline//@ECLI@/$ECLI}
	cmdline=${cmdline//@CASE@/$dir}
	cmdline=${cmdline//@OUT@/$out}
	want=$(head -n 1 "$dir/expect")
	# word splitting of the command line is intended: no case uses spaces in paths
	if [ -f "$dir/signal" ]; then
		read -r sig ms <"$dir/signal"
		timeout -s KILL 30 $cmdline </dev/null >/dev/null 2>"$errf" &
		local pid=$!
		sleep "$(awk "BEGIN{print $ms/1000}")"
		pkill -"$sig" -P "$pid" 2>/dev/null || true
		wait "$pid"
		rc=$?
	else
		timeout -s KILL 60 $cmdline </dev/null >/dev/null 2>"$errf"
		rc=$?
	fi
	local ok=1 why=""
	if [ "$want" = nonzero ] && { [ "$rc" -eq 0 ] || [ "$rc" -ge 124 ]; }; then
		ok=0
		why="exit $rc, expected a non-zero exit without a crash"
	elif [ "$want" != nonzero ] && [ "$rc" != "$want" ]; then
		ok=0
		why="exit $rc, expected $want"
	fi
	while IFS= read -r s; do
		[ -z "$s" ] && continue
		if ! grep -qF -- "$s" "$errf"; then
			ok=0
			why="$why; stderr lacks \"$s\""
		fi
	done < <(tail -n +2 "$dir/expect")
	if grep -qE 'AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|runtime error:' "$errf"; then
		ok=0
		why="$why; sanitizer report"
	fi
	if [ -n "$(ls -A "$out")" ]; then
		ok=0
		why="$why; left files in the output folder: $(ls -A "$out" | tr '\n' ' ')"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name: $why"
		sed 's/^/     | /' "$errf" | head -n 20
	fi
	rm -rf "$out" "$errf"
}

for d in "$@"; do
	run_case "$d"
done
echo "badinput: $pass passed, $fail failed"
[ $fail -eq 0 ]
