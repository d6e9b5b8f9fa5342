#!/usr/bin/env bash
# End to end, as root: a standalone executable of examples/bootstrap made by
# `ecc -s` (or, while ecc has no -s, by ecc + the sa_write driver over the
# same ecc_standalone__write), compared with `ecli run package.json`.
#
#   e2e_standalone.sh CASE    (environment: ECC, ECLI, STUB, SA_WRITE, SRC_DIR)
#
# Cases: help, events, static, errors, formats. Exit 0 pass, 1 fail, 77 skip (with
# the reason printed).
set -u

CASE=${1:?case}
: "${ECC:?}" "${ECLI:?}" "${STUB:?}" "${SA_WRITE:?}" "${SRC_DIR:?}"
SRC=$SRC_DIR/examples/bootstrap/bootstrap.bpf.c
HDR=$SRC_DIR/examples/bootstrap/bootstrap.h

skip() { echo "SKIP: $*"; exit 77; }
fail() {
	echo "FAIL [$CASE]: $*"
	local f
	for f in out err sa.out sa.err ecli.out ecli.err; do
		[ -s "$W/$f" ] && { echo "--- $f"; head -30 "$W/$f"; }
	done
	exit 1
}
pass() { echo "PASS [$CASE]${1:+: $1}"; exit 0; }

[ -x "$STUB" ] || skip "no stub at $STUB (ecli_standalone not built: missing static libbpf/libelf/libz?)"
# ecli.c calls rtmin_standalone__payload once it is wired; until then the stub
# is a plain ecli and would ignore the package appended to it.
nm "$STUB" 2>/dev/null | grep -q ' T rtmin_standalone__payload$' ||
	skip "$STUB does not call rtmin_standalone__payload (ecli.c not wired for standalone yet)"

W=$(mktemp -d "${TMPDIR:-/tmp}/ecc-standalone.XXXXXX") || exit 1
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$W"
}
trap cleanup EXIT

# make_standalone DIR: DIR/bootstrap (the executable) and DIR/package.json
make_standalone() {
	mkdir -p "$1"
	if "$ECC" --help 2>&1 | grep -q -- '--standalone'; then
		"$ECC" -s "$SRC" "$HDR" -o "$1" >"$W/ecc.log" 2>&1 || { cat "$W/ecc.log"; fail "ecc -s"; }
	else
		echo "note: ecc has no -s/--standalone yet; writing with ecc_standalone__write directly"
		"$ECC" "$SRC" "$HDR" -o "$1" >"$W/ecc.log" 2>&1 || { cat "$W/ecc.log"; fail "ecc"; }
		"$SA_WRITE" "$1/package.json" "$1/bootstrap" "$STUB" || fail "sa_write"
	fi
	[ -x "$1/bootstrap" ] || fail "no executable $1/bootstrap"
	[ -f "$1/package.json" ] || fail "no $1/package.json"
}

# Every line of `ecli run package.json --help` is in the standalone's --help,
# in the same order (the program's flags, their help and defaults).
case_help() {
	make_standalone "$W/o"
	timeout 20 "$ECLI" run "$W/o/package.json" --help >"$W/ecli.out" 2>"$W/ecli.err" ||
		fail "ecli run --help: exit $?"
	timeout 20 "$W/o/bootstrap" --help >"$W/sa.out" 2>"$W/sa.err" || fail "bootstrap --help: exit $?"
	grep -q -- '--min-duration' "$W/ecli.out" || fail "ecli's help lacks --min-duration"
	awk 'BEGIN { n = 0; i = 0 } NR == FNR { want[n++] = $0; next } i < n && $0 == want[i] { i++ }
	     END { if (i < n) { print "missing from the standalone help: " want[i]; exit 1 } }' \
		"$W/ecli.out" "$W/sa.out" || fail "help differs"
	# The same through `--` and with an ecli option before the program flags.
	timeout 20 "$W/o/bootstrap" -j -- --help >"$W/out" 2>"$W/err" || fail "bootstrap -j -- --help"
	cmp -s "$W/out" "$W/sa.out" || fail "-j -- --help prints something else"
	# Run through a symlink and through PATH: the package is found all the same.
	ln -s "$W/o/bootstrap" "$W/link"
	timeout 20 "$W/link" --help >"$W/out" 2>"$W/err" || fail "symlink --help"
	cmp -s "$W/out" "$W/sa.out" || fail "through a symlink --help prints something else"
	PATH=$W/o:$PATH timeout 20 bootstrap --help >"$W/out" 2>"$W/err" || fail "PATH --help"
	cmp -s "$W/out" "$W/sa.out" || fail "through PATH --help prints something else"
	pass "$(grep -c '^  -' "$W/ecli.out") flag lines match"
}

# run_bg NAME CMD...: CMD in the background, output to $W/NAME.out/.err
run_bg() {
	local name=$1
	shift
	timeout 30 "$@" >"$W/$name.out" 2>"$W/$name.err" &
	PIDS+=($!)
}

# The standalone and ecli run side by side see the same exec and print the
# same JSON line for it.
case_events() {
	local probe pid line_sa line_ecli
	[ "$(id -u)" = 0 ] || skip "needs root to load BPF programs"
	make_standalone "$W/o"
	mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
	probe=$W/sa_e2e_probe
	cp /bin/true "$probe" || fail "cp /bin/true"
	run_bg sa "$W/o/bootstrap" --duration 3 -j
	local sa=$!
	run_bg ecli "$ECLI" run -j --duration 3 "$W/o/package.json"
	local ec=$!
	sleep 1.5
	"$probe" & pid=$!
	wait $pid
	wait $sa || fail "standalone exit $?"
	wait $ec || fail "ecli exit $?"
	PIDS=()
	line_sa=$(grep "^{\"pid\":$pid,.*\"comm\":\"sa_e2e_probe\",\"filename\":\"$probe\",\"exit_event\":false}$" "$W/sa.out")
	[ -n "$line_sa" ] || fail "no JSON exec event for $probe (pid $pid) from the standalone"
	line_ecli=$(grep "^{\"pid\":$pid,.*\"exit_event\":false}$" "$W/ecli.out")
	[ "$line_sa" = "$line_ecli" ] || fail "lines differ: standalone '$line_sa', ecli '$line_ecli'"
	jq -e . "$W/sa.out" >/dev/null 2>&1 || fail "standalone output is not JSON lines"
	pass "$line_sa"
}

# libbpf, libelf and zlib are linked in; print what is still dynamic.
case_static() {
	local deps
	make_standalone "$W/o"
	ldd "$W/o/bootstrap" >"$W/out" 2>&1 || fail "ldd"
	grep -E 'lib(bpf|elf|z|yaml|archive)\.so' "$W/out" && fail "linked dynamically"
	deps=$(awk '$1 !~ /^linux-vdso/ { print $1 }' "$W/out" | sort | tr '\n' ' ')
	echo "standalone dynamic dependencies: $deps"
	cmp -s <(ldd "$STUB" | awk '{ print $1 }') <(ldd "$W/o/bootstrap" | awk '{ print $1 }') ||
		fail "the standalone's dependencies differ from the stub's"
	pass
}

# Bad program flags, a damaged executable, a missing stub: clear messages.
case_errors() {
	local size rc
	make_standalone "$W/o"
	timeout 20 "$W/o/bootstrap" --no-such-flag >"$W/out" 2>"$W/err"
	rc=$?
	[ $rc = 2 ] || fail "unknown flag: exit $rc, want 2"
	grep -q "unknown flag '--no-such-flag'" "$W/err" || fail "unknown flag message"
	timeout 20 "$W/o/bootstrap" --duration >"$W/out" 2>"$W/err"
	rc=$?
	[ $rc = 2 ] || fail "--duration without value: exit $rc, want 2"

	cp "$W/o/bootstrap" "$W/cut" && size=$(stat -c %s "$W/cut") && truncate -s $((size - 5)) "$W/cut"
	timeout 20 "$W/cut" --help >"$W/out" 2>"$W/err"
	rc=$?
	[ $rc = 1 ] || fail "truncated executable: exit $rc, want 1"
	grep -q "$W/cut: the embedded package's trailer is not at the end of the file" "$W/err" ||
		fail "truncated executable: message"
	[ -s "$W/out" ] && fail "truncated executable printed on stdout"

	cp "$W/o/bootstrap" "$W/bad" && size=$(stat -c %s "$W/bad")
	printf 'X' | dd of="$W/bad" bs=1 seek=$((size - 40)) conv=notrunc status=none
	timeout 20 "$W/bad" --help >"$W/out" 2>"$W/err"
	rc=$?
	[ $rc = 1 ] || fail "corrupt executable: exit $rc, want 1"
	grep -q "$W/bad: the embedded package is corrupt" "$W/err" || fail "corrupt executable: message"

	# ecc -s without a stub names where it looked and writes nothing.
	if "$ECC" --help 2>&1 | grep -q -- '--standalone'; then
		mkdir -p "$W/n"
		ECC_STANDALONE_STUB=$W/no-stub "$ECC" -s "$SRC" "$HDR" -o "$W/n" >"$W/out" 2>"$W/err" &&
			fail "ecc -s with a missing stub succeeded"
		grep -q "ECC_STANDALONE_STUB=$W/no-stub: no such file" "$W/err" || fail "missing stub message"
		[ -e "$W/n/bootstrap" ] && fail "ecc -s left $W/n/bootstrap behind"
		"$ECC" -s -n "$SRC" "$HDR" -o "$W/n" >"$W/out" 2>"$W/err"
		rc=$?
		[ $rc = 2 ] || fail "ecc -s -n: exit $rc, want 2 (usage)"
		grep -qi -- "standalone" "$W/err" || fail "ecc -s -n: the message does not name --standalone"
	fi
	# The stub alone is a whole ecli.
	"$STUB" --version | grep -q '^ecli ' || fail "stub --version"
	pass
}

# payload_of EXE: the bytes ecc appended (between the stub and the trailer).
payload_of() {
	local size stub_size
	size=$(stat -c %s "$1") stub_size=$(stat -c %s "$STUB")
	tail -c +$((stub_size + 1)) "$1" | head -c $((size - stub_size - 32))
}

# YAML packages (ecc -y) and --btfgen tars are embedded as they are; ecli
# tells them apart by content.
case_formats() {
	local has_s=false
	"$ECC" --help 2>&1 | grep -q -- '--standalone' && has_s=true
	mkdir -p "$W/y"
	if $has_s; then
		"$ECC" -s -y "$SRC" "$HDR" -o "$W/y" >"$W/ecc.log" 2>&1 || { cat "$W/ecc.log"; fail "ecc -s -y"; }
	else
		"$ECC" -y "$SRC" "$HDR" -o "$W/y" >"$W/ecc.log" 2>&1 || { cat "$W/ecc.log"; fail "ecc -y"; }
		"$SA_WRITE" "$W/y/package.yaml" "$W/y/bootstrap" "$STUB" || fail "sa_write"
	fi
	cmp -s <(payload_of "$W/y/bootstrap") "$W/y/package.yaml" || fail "the YAML package is not what is embedded"
	timeout 20 "$ECLI" run "$W/y/package.yaml" --help >"$W/ecli.out" 2>"$W/ecli.err" || fail "ecli --help"
	timeout 20 "$W/y/bootstrap" --help >"$W/sa.out" 2>"$W/sa.err" || fail "YAML standalone --help"
	grep -qxF -- "$(grep -- '--pid' "$W/ecli.out")" "$W/sa.out" || fail "YAML standalone lacks --pid"

	$has_s || pass "YAML (ecc has no -s yet: --btfgen tar not checked)"
	command -v bpftool >/dev/null || [ -x /usr/sbin/bpftool ] || pass "YAML (no bpftool for --btfgen)"
	mkdir -p "$W/arch/debian/12/x86_64" "$W/t"
	cp /sys/kernel/btf/vmlinux "$W/arch/debian/12/x86_64/$(uname -r).btf" || fail "copy vmlinux BTF"
	"$ECC" -s -b --btfhub-archive "$W/arch" "$SRC" "$HDR" -o "$W/t" >"$W/ecc.log" 2>&1 ||
		{ cat "$W/ecc.log"; fail "ecc -s -b"; }
	cmp -s <(payload_of "$W/t/bootstrap") "$W/t/bootstrap.tar" || fail "the --btfgen tar is not what is embedded"
	timeout 20 "$W/t/bootstrap" --help >"$W/sa.out" 2>"$W/sa.err" || fail "tar standalone --help"
	grep -qxF -- "$(grep -- '--pid' "$W/ecli.out")" "$W/sa.out" || fail "tar standalone lacks --pid"
	pass "YAML and --btfgen tar"
}

case "$CASE" in
help | events | static | errors | formats) "case_$CASE" ;;
*) echo "unknown case $CASE"; exit 2 ;;
esac
