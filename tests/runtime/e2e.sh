#!/usr/bin/env bash
# End-to-end tests of `ecli run` as root: compile a program with ecc (or
# package a hand-written eunomia-shape meta with rtmin_mkpkg), run ecli,
# trigger the hook, check decoded fields, output formats and teardown.
#
#   e2e.sh CASE        (environment: ECLI, ECC, MKPKG, TRIGGER_DIR, SRC_DIR, BUILD_OBJ_DIR)
#
# Exit 0 pass, 1 fail, 77 skip (with the reason printed).
set -u

CASE=${1:?case}
: "${ECLI:?}" "${ECC:?}" "${MKPKG:?}" "${TRIGGER_DIR:?}" "${SRC_DIR:?}"
PROGS=$SRC_DIR/tests/runtime/progs
EXAMPLES=$SRC_DIR/examples
TRIGGER=$TRIGGER_DIR/rtmin_trigger

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL [$CASE]: $*"; [ -f "$W/out" ] && { echo "--- stdout"; head -40 "$W/out"; }; \
	[ -f "$W/err" ] && { echo "--- stderr"; head -40 "$W/err"; }; exit 1; }
pass() { echo "PASS [$CASE]${1:+: $1}"; exit 0; }

[ "$(id -u)" = 0 ] || skip "needs root to load BPF programs"
W=$(mktemp -d "${TMPDIR:-/tmp}/ecli-e2e.XXXXXX") || exit 1
CLEANUP=()
cleanup() {
	local c
	for c in "${CLEANUP[@]}"; do eval "$c" >/dev/null 2>&1; done
	rm -rf "$W"
}
trap cleanup EXIT
# Triggers wait for this file; run_ecli creates it once ecli has attached.
export RTMIN_GATE=$W/go

mountpoint -q /sys/kernel/tracing || mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null

# pkg NAME SRC HDR: compile with ecc into $W/NAME/package.json
pkg() {
	mkdir -p "$W/$1"
	"$ECC" -o "$W/$1" "$2" ${3:+"$3"} >"$W/$1/ecc.log" 2>&1 || { cat "$W/$1/ecc.log"; fail "ecc $2"; }
	echo "$W/$1/package.json"
}

# run_ecli ARGS...: ecli with stdout to $W/out and stderr to $W/err. For
# `run`, -v is added and the gate opens when ecli reports every program
# attached (or exits), so triggers never race the load. RC gets the status.
run_ecli() {
	local args=("$@") e i
	[ "$1" = run ] && args=(run -v "${@:2}")
	rm -f "$W/go"
	timeout 60 "$ECLI" "${args[@]}" >"$W/out" 2>"$W/err" &
	e=$!
	for i in $(seq 600); do
		grep -q "programs attached" "$W/err" 2>/dev/null && break
		kill -0 $e 2>/dev/null || break
		sleep 0.05
	done
	touch "$W/go"
	wait $e
	RC=$?
}

# gate_wait: in a subshell trigger that is not rtmin_trigger itself.
gate_wait() { for _ in $(seq 600); do [ -e "$W/go" ] && return; sleep 0.05; done; }

need_jq() { command -v jq >/dev/null || skip "jq is not installed"; }

has() { grep -q -- "$1" "$W/out" || fail "output lacks: $1"; }
has_err() { grep -q -- "$1" "$W/err" || fail "stderr lacks: $1"; }

case_bootstrap_table() {
	local p
	p=$(pkg bootstrap "$EXAMPLES/bootstrap/bootstrap.bpf.c" "$EXAMPLES/bootstrap/bootstrap.h")
	( gate_wait; exec "$TRIGGER" sleep 0 ) & local pid=$!
	run_ecli run --duration 2.5 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	head -1 "$W/out" | grep -q '^TIME *PID *PPID *EXIT_CODE *DURATION_NS *COMM *FILENAME' || fail "table header"
	grep -qE "^[0-9]{2}:[0-9]{2}:[0-9]{2} +$pid +$$ +0 +0 +rtmin_trigger +$TRIGGER +false" "$W/out" ||
		fail "no exec row for pid $pid"
	grep -qE "^[0-9:]{8} +$pid +$$ +0 +[0-9]+ +rtmin_trigger +true" "$W/out" || fail "no exit row for pid $pid"
	command -v jq >/dev/null || pass "(print_header not checked: no jq)"
	jq -c '.meta.print_header = false' "$p" >"$W/nohdr.json"
	( gate_wait; exec "$TRIGGER" sleep 0 ) &
	run_ecli run --duration 1.5 "$W/nohdr.json"
	wait
	grep -q '^TIME' "$W/out" && fail "print_header false still printed the header"
	grep -qE "^[0-9:]{8} +[0-9]+ " "$W/out" || fail "no rows without the header"
	pass
}

case_bootstrap_json() {
	local p
	p=$(pkg bootstrap "$EXAMPLES/bootstrap/bootstrap.bpf.c" "$EXAMPLES/bootstrap/bootstrap.h")
	( gate_wait; exec "$TRIGGER" sleep 0 ) & local pid=$!
	run_ecli run -j --duration 2.5 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	grep -q "^{\"pid\":$pid,\"ppid\":$$,\"exit_code\":0,\"duration_ns\":0,\"comm\":\"rtmin_trigger\",\"filename\":\"$TRIGGER\",\"exit_event\":false}$" "$W/out" ||
		fail "no JSON exec line for $pid"
	if command -v jq >/dev/null; then jq -e . "$W/out" >/dev/null || fail "not JSON lines"; fi
	pass
}

# A pid filter (a flag in .rodata) changes what is reported.
case_pid_filter() {
	local p
	p=$(pkg tworb "$PROGS/tworb_test.bpf.c" "$PROGS/tworb_test.h")
	"$TRIGGER" open /etc/hostname & local a=$!
	"$TRIGGER" open /etc/passwd & local b=$!
	run_ecli run -j --duration 2.5 "$p" --pid $a
	wait $a $b
	[ $RC = 0 ] || fail "exit $RC"
	has "\"pid\":$a,\"kind\":\"OPEN_READ(0)\",\"comm\":\"rtmin_trigger\",\"filename\":\"/etc/hostname\""
	grep -q "\"pid\":$b," "$W/out" && fail "pid $b passed the filter"
	grep -q '"filename"' "$W/out" && grep -qv "\"pid\":$a," "$W/out" && fail "other pids reported"
	pass
}

# Every integer width and sign at its limits, JSON and table.
case_int_limits() {
	local p
	p=$(pkg ints "$PROGS/ints_test.bpf.c" "$PROGS/ints_test.h")
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) &
	run_ecli run -j --duration 1.5 "$p"
	wait
	[ $RC = 0 ] || fail "exit $RC"
	has '^{"s8":-128,"u8":255,"s16":-32768,"u16":65535,"s32":-2147483648,"u32":4294967295,"s64":-9223372036854775808,"u64":18446744073709551615,"flag":true,"minus_one":-1}$'
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) &
	run_ecli run --duration 1.5 "$p"
	wait
	grep -qE '^[0-9:]{8} +-128 +255 +-32768 +65535 +-2147483648 +4294967295 +-9223372036854775808 +18446744073709551615 +true +-1$' "$W/out" ||
		fail "table row"
	pass
}

# Two ring buffers with different structs; a kprobe that cannot attach is
# reported by name while the rest keep running.
case_two_ringbufs() {
	local p
	p=$(pkg tworb "$PROGS/tworb_test.bpf.c" "$PROGS/tworb_test.h")
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 2.5 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	grep -q "^{\"pid\":$pid,\"ppid\":$$,\"ts\":[0-9]*,\"comm\":\"rtmin_trigger\"}$" "$W/out" || fail "exec_event line"
	has "\"pid\":$pid,\"kind\":\"OPEN_READ(0)\",\"comm\":\"rtmin_trigger\",\"filename\":\"/etc/hostname\""
	has_err "program 'on_nanosleep' cannot attach (kprobe/do_nanosleep)"
	pass
}

case_histogram() {
	local p
	p=$(pkg syslat "$EXAMPLES/syslat/syslat.bpf.c" "$EXAMPLES/syslat/syslat.h")
	run_ecli run --duration 2.5 "$p"
	[ $RC = 0 ] || fail "exit $RC"
	grep -qE '^ +[a-z]+ +: count +distribution$' "$W/out" || fail "histogram header"
	grep -qE '^ +0 -> 1 +: [0-9]+ +\|[* ]{40}\|$' "$W/out" || fail "first bucket row"
	grep -qE '^ +[0-9]+ -> [0-9]+ +: [0-9]+ +\|\*+ *\|$' "$W/out" || fail "a non-empty bar"
	command -v jq >/dev/null || pass "(JSON samples not checked: no jq)"
	run_ecli run -j --duration 2.5 "$p"
	[ $RC = 0 ] || fail "-j exit $RC"
	jq -e -s 'length > 0 and all(.[]; has("key") and (.value.slots | type == "array"))' "$W/out" \
		>/dev/null || fail "JSON sample lines {key, value: {slots: [...]}}"
	pass
}

# linear_hist with clear_map: the 7 opens show up in one interval only.
case_linear_hist() {
	local p
	p=$(pkg linhist "$PROGS/linhist_test.bpf.c")
	( gate_wait; exec "$TRIGGER" open-many 7 /etc/hostname ) &
	run_ecli run --duration 2.5 "$p"
	wait
	[ $RC = 0 ] || fail "exit $RC"
	has '^     name length   : count    distribution$'
	# cleared after every print: the intervals' counts of slot 13 add up to the
	# 7 opens (cumulative counts would repeat them in every later interval)
	local sum
	sum=$(awk '/^ +13 +: [0-9]+ +\|/ {s += $3} END {print s + 0}' "$W/out")
	[ "$sum" = 7 ] || fail "slot 13 (\"/etc/hostname\") counts add up to $sum, want 7"
	grep -qE '^ +13 +: [1-7] +\|\*+ *\|$' "$W/out" || fail "no bar for slot 13"
	[ "$(grep -c '^[0-9:]* name_lens$' "$W/out")" -ge 4 ] || fail "an interval line every 400 ms"
	pass
}

# A closed stdout stops ecli cleanly (SIGPIPE ignored, teardown runs).
case_closed_stdout() {
	local p
	p=$(pkg bootstrap "$EXAMPLES/bootstrap/bootstrap.bpf.c" "$EXAMPLES/bootstrap/bootstrap.h")
	( unset RTMIN_GATE; sleep 1; for i in $(seq 20); do "$TRIGGER" sleep 0; sleep 0.2; done ) &
	timeout 20 "$ECLI" run -j "$p" 2>"$W/err" | head -1 >"$W/out"
	RC=${PIPESTATUS[0]}
	[ $RC = 0 ] || fail "exit $RC (124: did not notice the closed pipe)"
	has '^{"pid":'
	pass
}

case_help() {
	local p
	p=$(pkg sigsnoop "$EXAMPLES/sigsnoop/sigsnoop.bpf.c" "$EXAMPLES/sigsnoop/sigsnoop.h")
	chmod -R a+rX "$W"
	if command -v setpriv >/dev/null; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$ECLI" run "$p" --help >"$W/out" 2>"$W/err"
	else
		"$ECLI" run "$p" --help >"$W/out" 2>"$W/err"
	fi
	RC=$?
	[ $RC = 0 ] || fail "--help exit $RC"
	has "^Usage: sigsnoop_bpf"
	has "Trace signals"
	has "-c, --comm <char\[16\]>"
	has "-u, --uid <u32> .*(default: 4294967295)"
	has "-x, --failed-only"
	grep -q "__eunomia_dummy" "$W/out" && fail "dummy variable shown"
	pass
}

# sigsnoop: a signal we send is decoded; --signal filters out the others.
case_sigsnoop() {
	local p v s
	p=$(pkg sigsnoop "$EXAMPLES/sigsnoop/sigsnoop.bpf.c" "$EXAMPLES/sigsnoop/sigsnoop.h")
	"$TRIGGER" sleep 10 & v=$!
	( gate_wait; kill -CONT $v; kill -USR1 $v ) & s=$!
	run_ecli run -j --duration 2 "$p" --signal 10
	{ wait $s $v; } 2>/dev/null
	[ $RC = 0 ] || fail "exit $RC"
	grep -q "^{\"pid\":$s,\"target_pid\":$v,\"sig\":10,\"result\":0,\"uid\":0,\"comm\":\"[^\"]*\",\"target_comm\":\"rtmin_trigger\"}$" "$W/out" ||
		fail "no SIGUSR1 event from $s to $v"
	grep -q '"sig":18,' "$W/out" && fail "--signal 10 let SIGCONT through"
	pass
}

# Bad flag values: the flag and its limit are named; nothing is loaded.
case_bad_flags() {
	local p
	p=$(pkg sigsnoop "$EXAMPLES/sigsnoop/sigsnoop.bpf.c" "$EXAMPLES/sigsnoop/sigsnoop.h")
	run_ecli run "$p" --comm abcdefghijklmnopqrst
	[ $RC = 2 ] || fail "long string: exit $RC"; has_err "\-\-comm: 'abcdefghijklmnopqrst' is 20 characters, the limit is 15"
	run_ecli run "$p" -u -1
	[ $RC = 2 ] || fail "negative u32: exit $RC"; has_err "\-u: '-1' is not a non-negative number"
	run_ecli run "$p" --uid 4294967296
	[ $RC = 2 ] || fail "u32 overflow: exit $RC"; has_err "out of range 0..4294967295"
	run_ecli run "$p" --signal abc
	[ $RC = 2 ] || fail "nan: exit $RC"; has_err "\-\-signal: 'abc' is not a number"
	run_ecli run "$p" --nope 1
	[ $RC = 2 ] || fail "unknown: exit $RC"; has_err "unknown flag '\-\-nope'"
	run_ecli run "$p" --signal
	[ $RC = 2 ] || fail "missing value: exit $RC"; has_err "\-\-signal needs a value"
	pass
}

case_uprobe() {
	local p
	p=$(pkg uprobe "$PROGS/uprobe_test.bpf.c" "$PROGS/uprobe_test.h")
	( gate_wait; exec "$TRIGGER" uprobe 42 ) & local pid=$!
	PATH=$TRIGGER_DIR:$PATH run_ecli run -j --duration 2 "$p"
	kill $pid 2>/dev/null; wait $pid 2>/dev/null
	[ $RC = 0 ] || fail "exit $RC"
	has "^{\"pid\":$pid,\"arg\":42,\"comm\":\"rtmin_trigger\"}$"
	pass
}

case_iterator() {
	local p
	p=$(pkg iter "$PROGS/iter_test.bpf.c")
	"$TRIGGER" sleep 5 & local pid=$!
	sleep 0.2
	run_ecli run --duration 0.5 "$p"
	kill $pid; wait $pid 2>/dev/null
	[ $RC = 0 ] || fail "exit $RC"
	has "^task pid=$pid comm=rtmin_trigger$"
	run_ecli run --duration 0.5 "$p" --comm no-such-task
	grep -q "task pid" "$W/out" && fail "the comm flag did not filter"
	pass
}

case_cgroup() {
	local p cg
	p=$(pkg cgroup "$PROGS/cgroup_test.bpf.c" "$PROGS/cgroup_test.h")
	cg=$W/cg
	mkdir -p "$cg" && mount -t cgroup2 none "$cg" || skip "cannot mount cgroup2"
	CLEANUP+=("rmdir $cg/ecli_e2e_$$; umount $cg")
	mkdir "$cg/ecli_e2e_$$" || fail "mkdir cgroup"
	( gate_wait; echo $BASHPID > "$cg/ecli_e2e_$$/cgroup.procs"; exec "$TRIGGER" socket ) & local pid=$!
	run_ecli run -j --cgroup "$cg/ecli_e2e_$$" --duration 2 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	has "^{\"pid\":$pid,\"family\":2,\"type\":2,\"comm\":\"rtmin_trigger\"}$"
	pass
}

# Without --cgroup and with no cgroup v2 mount (a private mount namespace
# with every cgroup2 mount removed): a message saying to pass --cgroup.
case_cgroup_no_mount() {
	local p
	p=$(pkg cgroup "$PROGS/cgroup_test.bpf.c" "$PROGS/cgroup_test.h")
	unshare -m true 2>/dev/null || skip "cannot create a mount namespace"
	unshare -m bash -c 'awk '"'"'$3 == "cgroup2" {print $2}'"'"' /proc/self/mounts |
		while read -r m; do umount -l "$m"; done
		exec timeout 30 "$0" run --duration 1 "$1"' "$ECLI" "$p" >"$W/out" 2>"$W/err"
	RC=$?
	[ $RC = 1 ] || fail "exit $RC (want 1: nothing could attach)"
	has_err "no cgroup v2 mount found: pass --cgroup PATH"
	has_err "program 'on_sock_create' cannot attach"
	has_err "no program could be attached"
	pass
}

case_perf_event() {
	local p
	p=$(pkg perf "$PROGS/perf_test.bpf.c" "$PROGS/perf_test.h")
	( gate_wait; exec "$TRIGGER" burn 2 ) & local pid=$!
	run_ecli run -j --freq 499 --duration 3 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	grep -q "^{\"pid\":$pid,\"cpu\":[0-9]*,\"comm\":\"rtmin_trigger\"}$" "$W/out" || fail "no sample of pid $pid"
	pass "$(grep -c "\"pid\":$pid," "$W/out") samples of the burner"
}

# Network cases run in a private network namespace (unshare -n). Inside,
# ns_ecli starts ecli -v in the background and returns once it has attached;
# ns_wait waits for it and prints ecli_rc=N.
NS_HELPERS='
ns_ecli() {
	timeout 30 "$ECLI" run -v "$@" 2>>"$W/ns.err" & E=$!
	for i in $(seq 600); do
		grep -q "programs attached" "$W/ns.err" 2>/dev/null && break
		kill -0 $E 2>/dev/null || break
		sleep 0.05
	done
}
ns_wait() { wait $E; echo ecli_rc=$?; }
'
in_netns() {
	command -v unshare >/dev/null || skip "no unshare"
	unshare -n true 2>/dev/null || skip "cannot create a network namespace"
	: >"$W/ns.err"
	ECLI=$ECLI W=$W unshare -n bash -c "$NS_HELPERS
$1" >"$W/out" 2>"$W/err"
	RC=$?
	cat "$W/ns.err" >>"$W/err"
}

case_socket_filter() {
	local p
	p=$(pkg sockf "$PROGS/sockfilter_test.bpf.c" "$PROGS/sockfilter_test.h")
	in_netns "ip link set lo up
		ns_ecli -j --ifname lo --duration 2 '$p'
		for i in 1 2 3; do echo hello > /dev/udp/127.0.0.1/9999; done
		ns_wait"
	has "ecli_rc=0"
	has '^{"len":48,"protocol":2048}$'	# 14 Ethernet + 20 IP + 8 UDP + "hello\n"
	pass
}

case_tc() {
	local p
	p=$(pkg tc "$EXAMPLES/tc_ingress/tc_ingress.bpf.c" "$EXAMPLES/tc_ingress/tc_ingress.h")
	in_netns "ip link set lo up
		tc qdisc add dev lo clsact
		ns_ecli -j --duration 2 '$p'
		for i in 1 2 3; do echo hi > /dev/udp/127.0.0.1/9999; done
		ns_wait
		echo QDISC; tc qdisc show dev lo; echo FILTER; tc filter show dev lo ingress; echo END
		timeout 20 \"\$ECLI\" run --duration 1 '$p' >/dev/null
		echo AFTER_OWN; tc qdisc show dev lo; tc qdisc del dev lo clsact
		timeout 20 \"\$ECLI\" run --duration 1 '$p' >/dev/null
		echo AFTER_FRESH; tc qdisc show dev lo"
	has "ecli_rc=0"
	grep -q '"proto":17' "$W/out" || fail "no UDP packet decoded"
	sed -n '/^QDISC/,/^FILTER/p' "$W/out" | grep -q clsact || fail "the pre-existing clsact was removed"
	[ -z "$(sed -n '/^FILTER/,/^END/p' "$W/out" | grep -v -e FILTER -e END)" ] || fail "our tc filter is left"
	sed -n '/^AFTER_OWN/,/^AFTER_FRESH/p' "$W/out" | grep -q clsact || fail "clsact gone after a second run"
	sed -n '/^AFTER_FRESH/,$p' "$W/out" | grep -q clsact && fail "the clsact ecli created is left"
	pass
}

case_xdp() {
	local p
	p=$(pkg xdp "$EXAMPLES/xdp_count/xdp_count.bpf.c" "$EXAMPLES/xdp_count/xdp_count.h")
	in_netns "ip link set lo up
		ns_ecli -j --duration 2.5 '$p'
		for i in 1 2 3; do echo hi > /dev/udp/127.0.0.1/9999; done
		ns_wait
		ip link show lo"
	has "ecli_rc=0"
	grep -q '"ip_proto":17.*"packets":3' "$W/out" || fail "default_kv sample of 3 UDP packets"
	grep -q 'prog/xdp' "$W/out" && fail "xdp left attached"
	pass
}

# gone KIND ID: the object disappears within 3 s
gone() {
	local i
	for i in $(seq 60); do
		bpftool "$1" show id "$2" >/dev/null 2>&1 || return 0
		sleep 0.05
	done
	return 1
}

# SIGINT: exit 0, and every program and link ecli held (read from its
# /proc fdinfo while it runs) is gone afterwards.
case_teardown() {
	local p pid progs links maps id t
	command -v bpftool >/dev/null || skip "no bpftool"
	p=$(pkg tworb "$PROGS/tworb_test.bpf.c" "$PROGS/tworb_test.h")
	"$ECLI" run "$p" >"$W/out" 2>"$W/err" & pid=$!
	CLEANUP+=("kill -9 $pid")
	for t in $(seq 100); do
		grep -q "all 2 programs attached" "$W/err" && break
		links=$(cat /proc/$pid/fdinfo/* 2>/dev/null | awk '/^link_id:/ {print $2}' | sort -u)
		[ "$(echo "$links" | grep -c .)" -ge 2 ] && break
		sleep 0.1
	done
	sleep 0.3
	progs=$(cat /proc/$pid/fdinfo/* 2>/dev/null | awk '/^prog_id:/ {print $2}' | sort -u)
	maps=$(cat /proc/$pid/fdinfo/* 2>/dev/null | awk '/^map_id:/ {print $2}' | sort -u)
	links=$(cat /proc/$pid/fdinfo/* 2>/dev/null | awk '/^link_id:/ {print $2}' | sort -u)
	[ "$(echo "$links" | grep -c .)" -ge 2 ] || fail "ecli never held two links"
	bpftool link show id "$(echo "$links" | head -1)" >/dev/null 2>&1 ||
		fail "bpftool does not see link $(echo "$links" | head -1) while ecli runs"
	kill -INT $pid; wait $pid; RC=$?
	[ $RC = 0 ] || fail "exit $RC after SIGINT"
	# the kernel drops a program's map references in deferred work: allow 3 s
	for id in $progs; do gone prog "$id" || fail "program $id still loaded"; done
	for id in $links; do gone link "$id" || fail "link $id still exists"; done
	for id in $maps; do gone map "$id" || fail "map $id still exists 3 s after exit"; done
	pass "$(echo $progs | wc -w) programs, $(echo $links | wc -w) links, $(echo $maps | wc -w) maps gone"
}

case_compat() {
	local obj=$BUILD_OBJ_DIR/compat_test.bpf.o
	[ -f "$obj" ] || fail "missing $obj"
	"$MKPKG" "$obj" "$SRC_DIR/tests/runtime/compat/compat_test.meta.json" "$W/compat.json" || fail mkpkg
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 2 "$W/compat.json" --pid $pid
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	has "^{\"pid\":$pid,\"flags\":0,\"comm\":\"rtmin_trigger\",\"filename\":\"/etc/hostname\"}$"
	grep -vq "\"pid\":$pid," "$W/out" && fail "the --pid flag did not filter"
	run_ecli run "$W/compat.json" --help
	has "-p, --pid <pid_t> *Trace this process only"
	grep -q eunomia_dummy "$W/out" && fail "dummy variable shown"
	# stdin and YAML read the same package
	"$ECLI" run - --help <"$W/compat.json" | grep -q "^Usage: compat_test_bpf" || fail "stdin package"
	pass
}

case_yaml() {
	local p
	mkdir -p "$W/y"
	"$ECC" -y -o "$W/y" "$EXAMPLES/bootstrap/bootstrap.bpf.c" "$EXAMPLES/bootstrap/bootstrap.h" >/dev/null 2>&1 ||
		fail "ecc -y"
	p=$(ls "$W"/y/package.yaml 2>/dev/null) || fail "no package.yaml"
	run_ecli validate "$p"
	[ $RC = 0 ] || fail "validate exit $RC"
	has "package 'bootstrap_bpf' is valid"
	( gate_wait; exec "$TRIGGER" sleep 0 ) & local pid=$!
	run_ecli run -j --duration 2 "$p"
	wait $pid
	has "\"pid\":$pid,"
	pass
}

# A verifier rejection names the program with the log tail; the rest runs.
case_verifier_reject() {
	local p
	p=$(pkg vt "$PROGS/verifier_test.bpf.c" "$PROGS/verifier_test.h")
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 2 "$p"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	has_err "program 'bad_prog' cannot load: .*verifier log tail:"
	has_err "makes fp pointer be out of bounds"
	has "^{\"pid\":$pid,\"comm\":\"rtmin_trigger\"}$"
	pass
}

# fentry/lsm: where the kernel refuses them (EPERM under lockdown) each is
# named with the reason; where it allows them they attach. Either way the
# tracepoint runs and ecli exits 0.
case_fentry_lsm() {
	local p prog
	p=$(pkg fentry "$PROGS/fentry_test.bpf.c")
	run_ecli run --duration 1 "$p"
	[ $RC = 0 ] || fail "exit $RC"
	has_err "attached program 'on_getpid' (tp/syscalls/sys_enter_getpid)"
	for prog in on_fentry on_lsm; do
		grep -q "attached program '$prog'" "$W/err" && continue
		has_err "program '$prog' cannot load: Operation not permitted"
	done
	pass "$(grep -c "cannot load" "$W/err") refused by this kernel"
}

# Sections libbpf 1.1 does not know are reported; the known program runs.
case_unknown_sections() {
	run_ecli run --duration 1 "$SRC_DIR/tests/runtime/validate/unknown-section/package.json"
	[ $RC = 0 ] || fail "exit $RC"
	has_err "program 'tcx_prog' section 'tcx/ingress' is not known to libbpf 1.1"
	has_err "program 'multi_prog' section 'uprobe.multi//bin/true:main' is not known to libbpf 1.1"
	pass
}

# Records of the wrong size: reported once with a count, output goes on.
# (Both ring buffers decoded with export_types[0]: exec records are too short.)
case_wrong_size() {
	need_jq
	local p
	p=$(pkg tworb "$PROGS/tworb_test.bpf.c" "$PROGS/tworb_test.h")
	jq -c '.meta.enable_multiple_export_types = false' "$p" >"$W/single.json"
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 2 "$W/single.json"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	[ "$(grep -c "does not match the" "$W/err")" = 1 ] || fail "the mismatch must be reported exactly once"
	has_err "map 'execs': a 32-byte record does not match the 88-byte export type"
	has_err "map 'execs': [0-9]* records of the wrong size were skipped"
	has "\"pid\":$pid,\"kind\":\"OPEN_READ(0)\""
	pass
}

# No export type at all: size and hex bytes, with one warning per map.
case_no_export_type() {
	need_jq
	local p
	p=$(pkg uprobe "$PROGS/uprobe_test.bpf.c" "$PROGS/uprobe_test.h")
	jq -c '.meta.export_types = [] | .meta.enable_multiple_export_types = false' "$p" >"$W/raw.json"
	( gate_wait; exec "$TRIGGER" uprobe 7 ) & local pid=$!
	PATH=$TRIGGER_DIR:$PATH run_ecli run -j --duration 2 "$W/raw.json"
	kill $pid 2>/dev/null; wait $pid 2>/dev/null
	[ $RC = 0 ] || fail "exit $RC"
	[ "$(grep -c "has no export type" "$W/err")" = 1 ] || fail "one warning expected"
	local hexpid
	hexpid=$(printf '%02x%02x%02x%02x' $((pid & 255)) $(((pid >> 8) & 255)) $(((pid >> 16) & 255)) $(((pid >> 24) & 255)))
	has "^{\"size\":24,\"data\":\"${hexpid}07000000"
	pass
}

# --duration stops cleanly; SIGTERM too; a bad ecli option is a usage error.
case_lifecycle() {
	local p t0 pid
	p=$(pkg bootstrap "$EXAMPLES/bootstrap/bootstrap.bpf.c" "$EXAMPLES/bootstrap/bootstrap.h")
	t0=$(date +%s%N)
	run_ecli run --duration 1 "$p"
	[ $RC = 0 ] || fail "--duration exit $RC"
	[ $((($(date +%s%N) - t0) / 1000000)) -lt 5000 ] || fail "--duration 1 took too long"
	"$ECLI" run "$p" >"$W/out" 2>"$W/err" & pid=$!
	sleep 1.5
	kill -TERM $pid; wait $pid; RC=$?
	[ $RC = 0 ] || fail "SIGTERM exit $RC"
	run_ecli run --bogus "$p"
	[ $RC = 2 ] || fail "bad option exit $RC"; has_err "run: unknown option '--bogus'"
	run_ecli run --duration x "$p"
	[ $RC = 2 ] || fail "bad duration exit $RC"; has_err "\-\-duration: 'x' is not a number"
	run_ecli frobnicate
	[ $RC = 2 ] || fail "unknown command exit $RC"; has_err "unknown command 'frobnicate'"
	run_ecli run "$W/nonexistent.json"
	[ $RC = 1 ] || fail "missing package exit $RC"; has_err "nonexistent.json: cannot read the package"
	pass
}

# A perf buffer of one page per CPU overflows under a burst: lost samples
# are counted and reported; decoding goes on.
case_perf_lost() {
	need_jq
	local p
	p=$(pkg opensnoop "$EXAMPLES/opensnoop/opensnoop.bpf.c" "$EXAMPLES/opensnoop/opensnoop.h")
	jq -c '.meta.perf_buffer_pages = 1 | .meta.poll_timeout_ms = 500' "$p" >"$W/small.json"
	( gate_wait; exec "$TRIGGER" open-many 100000 /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 3 "$W/small.json"
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	has_err "^[0-9][0-9]* perf samples were lost"
	has "\"pid\":$pid,.*\"filename\":\"/etc/hostname\""
	pass "$(grep -o '^[0-9]* perf samples were lost' "$W/err")"
}

# An iterator-only package prints and exits by itself.
case_iterator_exit() {
	local p t0
	p=$(pkg iter "$PROGS/iter_test.bpf.c")
	t0=$(date +%s)
	run_ecli run "$p"
	[ $RC = 0 ] || fail "exit $RC"
	[ $(($(date +%s) - t0)) -lt 10 ] || fail "did not exit by itself"
	pass
}

# export_config custom_members: chosen members at offsets with BTF types.
case_custom_members() {
	need_jq
	local p obj int_id arr_id
	command -v bpftool >/dev/null || skip "no bpftool"
	p=$(pkg tworb "$PROGS/tworb_test.bpf.c" "$PROGS/tworb_test.h")
	obj=$W/tworb/tworb_test.bpf.o
	int_id=$(bpftool btf dump file "$obj" -j | jq '.types[] | select(.kind == "INT" and .name == "int") | .id')
	arr_id=$(bpftool btf dump file "$obj" -j | jq '[.types[] | select(.kind == "ARRAY" and .nr_elems == 64)][0].id')
	jq -c --argjson i "$int_id" --argjson a "$arr_id" '(.meta.bpf_skel.maps[] | select(.name == "opens") |
		.export_config) = {"custom_members": [{"name": "who", "offset": 0, "btf_type_id": $i},
		{"name": "file", "offset": 24, "btf_type_id": $a}]}' "$p" >"$W/custom.json"
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & local pid=$!
	run_ecli run -j --duration 2 "$W/custom.json" --pid $pid
	wait $pid
	[ $RC = 0 ] || fail "exit $RC"
	has "^{\"who\":$pid,\"file\":\"/etc/hostname\"}$"
	( gate_wait; exec "$TRIGGER" open /etc/hostname ) & pid=$!
	run_ecli run --duration 2 "$W/custom.json" --pid $pid
	wait $pid
	has "^TIME *WHO *FILE$"
	grep -qE "^[0-9:]{8} +$pid +/etc/hostname$" "$W/out" || fail "table row"
	pass
}

"case_$CASE"
