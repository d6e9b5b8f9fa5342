#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the Wasm route: app.wasm built in one command for the
# test object and for every example, its import and export lists checked
# exactly (wasm-objdump), the wasm_bpf import types checked against the ABI,
# and the error cases (missing wasi-libc, app compile error, bad imports,
# unknown export struct, gen-app never overwriting).
#
# usage: run.sh WASM_DRIVER SOURCE_DIR [ECC]
#   WASM_DRIVER  tests/wasmroute/wasm_driver.c built (calls ecc_wasm__build)
#   ECC          the ecc binary; when given and it accepts --wasm, each example
#                is also built with `ecc X.bpf.c X.h --wasm -o DIR`
set -u
DRIVER=$1
SRC=$2
ECC=${3:-}
# the examples are built from their own directories: make the paths absolute
case $DRIVER in /*) ;; *) DRIVER=$(pwd)/$DRIVER ;; esac
case $ECC in /* | "") ;; *) ECC=$(pwd)/$ECC ;; esac
HERE=$SRC/tests/wasmroute
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecc-wasmroute.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
check() { if "$@"; then ok; else bad "$*"; fi; }

for tool in clang wasm-objdump bpftool llvm-strip; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "skip: $tool not installed"
		exit 0
	fi
done
if [ ! -r /sys/kernel/btf/vmlinux ]; then
	echo "skip: no /sys/kernel/btf/vmlinux to make vmlinux.h from"
	exit 0
fi
bpftool btf dump file /sys/kernel/btf/vmlinux format c >"$TMP/vmlinux.h" || exit 1

# compile_bpf SRC.bpf.c INCDIR OUT.o [STRUCT...]: BTF kept for each STRUCT
compile_bpf() {
	src=$1 inc=$2 out=$3
	shift 3
	w=$TMP/wrap.bpf.c
	echo "#include \"$src\"" >"$w"
	for s in "$@"; do echo "struct $s *__ecc_keep_$s;" >>"$w"; done
	clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$TMP" -I"$inc" -c "$w" -o "$out" &&
		llvm-strip -g "$out"
}

# The ABI's six imports with their types, as wasm-objdump prints them.
ABI_TYPES="wasm_attach_bpf_program (i64, i32, i32) -> i32
wasm_bpf_buffer_poll (i64, i32, i32, i32, i32, i32, i32) -> i32
wasm_bpf_map_fd_by_name (i64, i32) -> i32
wasm_bpf_map_operate (i32, i32, i32, i32, i32, i64) -> i32
wasm_close_bpf_object (i64) -> i32
wasm_load_bpf_object (i32, i32) -> i64"

# What the default app imports from WASI (Debian bookworm's wasi-libc), besides
# poll_oneoff, which only an app without an export map needs (it sleeps
# between dumps of sampled maps instead of polling a buffer).
DEFAULT_WASI="wasi_snapshot_preview1.args_get
wasi_snapshot_preview1.args_sizes_get
wasi_snapshot_preview1.clock_time_get
wasi_snapshot_preview1.fd_close
wasi_snapshot_preview1.fd_fdstat_get
wasi_snapshot_preview1.fd_seek
wasi_snapshot_preview1.fd_write
wasi_snapshot_preview1.proc_exit"

imports() { wasm-objdump -x "$1" | sed -n 's/^ - func\[[0-9]*\] sig=[0-9]* <.*> <- //p' | sort; }
exports() { wasm-objdump -x "$1" | sed -n '/^Export\[/,/^[A-Z]/s/^ - .* -> "\(.*\)"$/\1/p' | sort; }
# "name (params) -> results" of every wasm_bpf import
abi_types() {
	wasm-objdump -x "$1" | awk '
		/^Type\[/ { t = 1; next } /^[A-Z]/ { t = 0 }
		t && /^ - type\[/ { i = $2; sub(/^type\[/, "", i); sub(/\]$/, "", i);
			s = $0; sub(/^ - type\[[0-9]+\] /, "", s); ty[i] = s }
		/<- wasm_bpf\./ { sig = $3; sub(/^sig=/, "", sig); n = $NF; sub(/^wasm_bpf\./, "", n);
			print n " " ty[sig] }' | sort
}

# check_app WASM EXPECTED_IMPORTS: exact import and export lists, ABI types.
check_app() {
	wasm=$1 expect=$2
	if [ ! -f "$wasm" ]; then
		bad "$wasm not built"
		return
	fi
	got=$(imports "$wasm")
	if [ "$got" = "$expect" ]; then ok; else
		bad "$wasm imports differ"
		printf 'expected:\n%s\ngot:\n%s\n' "$expect" "$got"
	fi
	got=$(exports "$wasm")
	want=$(printf '%s\n' __indirect_function_table _start memory)
	if [ "$got" = "$want" ]; then ok; else bad "$wasm exports: $got"; fi
	# every wasm_bpf import has exactly the ABI's type
	abi_types "$wasm" >"$TMP/types.txt"
	echo "$ABI_TYPES" >"$TMP/abi.txt"
	if [ -s "$TMP/types.txt" ] && grep -v -x -F -f "$TMP/abi.txt" "$TMP/types.txt" >/dev/null; then
		bad "$wasm wasm_bpf import types:"
		cat "$TMP/types.txt"
	else
		ok
	fi
}

ALL_BPF=$(echo "$ABI_TYPES" | sed 's/^\([a-z_]*\) .*/wasm_bpf.\1/')
# An app with an export map polls it; one without sleeps instead.
DEFAULT_IMPORTS=$(printf '%s\n%s\n' "$ALL_BPF" "$DEFAULT_WASI" | sort)
QUIET_IMPORTS=$(printf '%s\n%s\nwasi_snapshot_preview1.poll_oneoff\n' \
	"$(echo "$ALL_BPF" | grep -v buffer_poll)" "$DEFAULT_WASI" | sort)

# expect_fail NAME GREP_TEXT CMD...: fails, says GREP_TEXT, leaves no app.wasm
expect_fail() {
	name=$1 text=$2
	shift 2
	out=$TMP/$name.out
	rm -rf "$TMP/o-$name"
	if "$@" >"$out" 2>&1; then
		bad "$name: succeeded"
	elif ! grep -q -- "$text" "$out"; then
		bad "$name: message lacks '$text':"
		cat "$out"
	elif [ -e "$TMP/o-$name/app.wasm" ]; then
		bad "$name: left an app.wasm"
	elif [ -d "$TMP/o-$name" ] && [ -z "${ALLOW_DIR:-}" ]; then
		bad "$name: created its output directory"
	else
		ok
	fi
}

# ---- the test object ---------------------------------------------------------
B=$HERE/apps/boot
OBJ=$TMP/boot.bpf.o
check compile_bpf "$B/boot.bpf.c" "$B" "$OBJ" event
"$DRIVER" build "$OBJ" boot_bpf "$TMP/o1" -H "$B/boot.h" event 2>"$TMP/o1.err"
check test -f "$TMP/o1/boot.wasm.h"
check_app "$TMP/o1/app.wasm" "$DEFAULT_IMPORTS"
check grep -q "program 'tc_pass' (SEC(\"tc\")) cannot be attached" "$TMP/o1.err"
# the generated skeleton and default app compile without a warning (-Wall)
if grep -q "warning:" "$TMP/o1.err"; then bad "default app warnings:"; cat "$TMP/o1.err"; else ok; fi
# deterministic: the same inputs give the same bytes
"$DRIVER" build "$OBJ" boot_bpf "$TMP/o2" -H "$B/boot.h" event 2>/dev/null
check cmp -s "$TMP/o1/app.wasm" "$TMP/o2/app.wasm"
check cmp -s "$TMP/o1/boot.wasm.h" "$TMP/o2/boot.wasm.h"
# the module check accepts what it built
check "$DRIVER" check "$TMP/o1/app.wasm"

# a user app on the skeleton's views and the Wasm-safe header
"$DRIVER" build "$OBJ" boot_bpf "$TMP/o3" -H "$B/boot.h" event -a "$B/custom_app.c" 2>/dev/null ||
	bad "custom app did not build"
if [ -f "$TMP/o3/app.wasm" ]; then
	check_app "$TMP/o3/app.wasm" "$(printf '%s\n' "$ALL_BPF" \
		$(imports "$TMP/o3/app.wasm" | grep '^wasi_snapshot_preview1\.') | sort)"
	if imports "$TMP/o3/app.wasm" | grep -v -e '^wasm_bpf\.' -e '^wasi_snapshot_preview1\.'; then
		bad "custom app imports outside the ABI"
	else
		ok
	fi
fi

# gen-app: writes app.c once, never overwrites, and the result builds as --app
"$DRIVER" gen-app "$OBJ" boot_bpf "$TMP/g" -H "$B/boot.h" event 2>/dev/null
check test -f "$TMP/g/app.c"
check grep -q "generated by ecc" "$TMP/g/app.c"
echo "/* edited */" >>"$TMP/g/app.c"
expect_fail gen-again "already exists" "$DRIVER" gen-app "$OBJ" boot_bpf "$TMP/g" -H "$B/boot.h" event
check grep -q "/\* edited \*/" "$TMP/g/app.c"
"$DRIVER" build "$OBJ" boot_bpf "$TMP/o4" -H "$B/boot.h" event -a "$TMP/g/app.c" 2>/dev/null
check_app "$TMP/o4/app.wasm" "$DEFAULT_IMPORTS"

# the package's runtime tuning reaches the default app
echo '{"poll_timeout_ms": 250, "print_header": false}' >"$TMP/tune.json"
"$DRIVER" gen-app "$OBJ" boot_bpf "$TMP/tune" -m "$TMP/tune.json" 2>/dev/null
check grep -q "^#define POLL_TIMEOUT_MS 250 " "$TMP/tune/app.c"
check grep -q "^#define PRINT_HEADER 0 " "$TMP/tune/app.c"
check grep -q "^#define PRINT_HEADER 1 " "$TMP/g/app.c"

# a doc comment's "short" that cannot stand in a C character constant (a
# newline) leaves the option long-only; the app still builds
printf '%s\n' '{"bpf_skel":{"data_sections":[{"name":".rodata","variables":[' \
	'{"name":"verbose","cmdarg":{"short":"\n","long":"verbose"}}]}]}}' >"$TMP/nl.json"
if "$DRIVER" build "$OBJ" boot_bpf "$TMP/nl" -m "$TMP/nl.json" >"$TMP/nl.log" 2>&1; then
	check_app "$TMP/nl/app.wasm" "$DEFAULT_IMPORTS"
else
	bad "a newline as an option's short letter breaks the default app"
	head -5 "$TMP/nl.log"
fi

# ---- error cases ---------------------------------------------------------------
mkdir -p "$TMP/empty-sysroot"
expect_fail no-wasi-libc "wasi-libc, libclang-rt-14-dev-wasm32 and lld" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-no-wasi-libc" -s "$TMP/empty-sysroot"
expect_fail compile-error "this_is_not_declared" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-compile-error" -a "$HERE/apps/bad_syntax.c"
grep -q "bad_syntax.c:4:.*error" "$TMP/compile-error.out" && ok || bad "clang's location missing"
expect_fail bad-import "imports env.host_secret" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-bad-import" -a "$HERE/apps/bad_import.c"
expect_fail bad-abi-type "wasm_bpf.wasm_close_bpf_object has type i:i, the wasm-bpf ABI says I:i" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-bad-abi-type" -a "$HERE/apps/bad_abi_type.c"
expect_fail unknown-struct "struct 'no_such_event'" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-unknown-struct" -H "$B/boot.h" no_such_event
expect_fail not-bpf "not an ELF object" \
	"$DRIVER" build "$HERE/apps/bad_import.c" x "$TMP/o-not-bpf"
printf 'int x;\n' >"$TMP/nobtf.c"
clang -O2 -target bpf -c "$TMP/nobtf.c" -o "$TMP/nobtf.o"
expect_fail no-btf "has no BTF (compile it with -g)" \
	"$DRIVER" build "$TMP/nobtf.o" nobtf "$TMP/o-no-btf"
expect_fail missing-app "no such file or directory: '$TMP/none.c'" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/o-missing-app" -a "$TMP/none.c"
: >"$TMP/a-file"
expect_fail out-is-file "cannot create the output directory" \
	"$DRIVER" build "$OBJ" boot_bpf "$TMP/a-file/out"
# a module without _start (a reactor) is refused by the check
printf 'int f(void) { return 1; }\n' >"$TMP/reactor.c"
clang --target=wasm32-wasi --sysroot=/usr -nostdlibinc -isystem /usr/include/wasm32-wasi \
	-mexec-model=reactor -Wl,--export-table "$TMP/reactor.c" -o "$TMP/reactor.wasm" 2>/dev/null
expect_fail no-start "does not export '_start'" "$DRIVER" check "$TMP/reactor.wasm"

# ---- examples ------------------------------------------------------------------
n_ex=0
for dir in "$SRC"/examples/*/; do
	[ -d "$dir" ] || continue
	x=$(basename "$dir")
	[ -f "$dir/$x.bpf.c" ] || continue
	structs=""
	[ -f "$dir/$x.h" ] && structs=$(sed -n 's/^struct \([A-Za-z0-9_]*\) {.*/\1/p' "$dir/$x.h")
	n_ex=$((n_ex + 1))
	if ! compile_bpf "$dir/$x.bpf.c" "$dir" "$TMP/$x.bpf.o" $structs; then
		bad "example $x: BPF compile"
		continue
	fi
	hdr_args=""
	[ -n "$structs" ] && hdr_args="-H $dir/$x.h $structs"
	# shellcheck disable=SC2086
	"$DRIVER" build "$TMP/$x.bpf.o" "${x}_bpf" "$TMP/ex-$x" $hdr_args 2>"$TMP/ex-$x.err" ||
		{ bad "example $x: app.wasm"; cat "$TMP/ex-$x.err"; continue; }
	# the expected imports follow from whether the default app polls events
	"$DRIVER" gen-app "$TMP/$x.bpf.o" "${x}_bpf" "$TMP/gen-$x" $hdr_args 2>/dev/null
	expect=$DEFAULT_IMPORTS
	grep -q '^#define EVENT_MAP ""' "$TMP/gen-$x/app.c" && expect=$QUIET_IMPORTS
	check_app "$TMP/ex-$x/app.wasm" "$expect"
	if [ -n "$ECC" ] && [ -x "$ECC" ] && "$ECC" --help 2>&1 | grep -q -- --wasm; then
		if (cd "$dir" && "$ECC" "$x.bpf.c" $( [ -f "$x.h" ] && echo "$x.h") --wasm \
			-o "$TMP/ecc-$x") >"$TMP/ecc-$x.err" 2>&1; then
			check_app "$TMP/ecc-$x/app.wasm" "$expect"
		else
			bad "ecc --wasm for example $x"
			cat "$TMP/ecc-$x.err"
		fi
	fi
done
[ $n_ex -eq 0 ] && echo "skip: examples/ has no example yet"

# ecc's other Wasm options: --gen-wasm-app (once, never overwriting) and the
# Wasm-safe header of --header-only, which must compile for wasm32
EX=$SRC/examples/bootstrap
if [ -n "$ECC" ] && [ -x "$ECC" ] && [ -f "$EX/bootstrap.bpf.c" ] &&
	"$ECC" --help 2>&1 | grep -q -- --gen-wasm-app; then
	(cd "$EX" && "$ECC" bootstrap.bpf.c bootstrap.h --gen-wasm-app -o "$TMP/eg") >/dev/null 2>&1
	check test -f "$TMP/eg/app.c"
	# with $TMPDIR on another filesystem (tmpfs) app.c is still written
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		(cd "$EX" && TMPDIR=/dev/shm "$ECC" bootstrap.bpf.c bootstrap.h --gen-wasm-app \
			-o "$TMP/eg-shm") >"$TMP/eg-shm.log" 2>&1
		check test -f "$TMP/eg-shm/app.c"
		check cmp -s "$TMP/eg/app.c" "$TMP/eg-shm/app.c"
		check sh -c "! ls '$TMP/eg-shm' | grep -q tmp"
	fi
	expect_fail ecc-gen-again "already exists" sh -c \
		"cd '$EX' && '$ECC' bootstrap.bpf.c bootstrap.h --gen-wasm-app -o '$TMP/eg'"
	# the error cases through ecc's own options
	# (ecc writes the package next to app.wasm: its directory may exist)
	ALLOW_DIR=1 expect_fail ecc-no-wasi-libc "wasi-libc, libclang-rt-14-dev-wasm32 and lld" sh -c \
		"cd '$EX' && '$ECC' bootstrap.bpf.c bootstrap.h --wasm --wasi-sysroot '$TMP/empty-sysroot' -o '$TMP/o-ecc-no-wasi-libc'"
	ALLOW_DIR=1 expect_fail ecc-bad-import "imports env.host_secret" sh -c \
		"cd '$EX' && '$ECC' bootstrap.bpf.c bootstrap.h --wasm --app '$HERE/apps/bad_import.c' -o '$TMP/o-ecc-bad-import'"
	unset ALLOW_DIR # dash keeps assignments made before a function call
	(cd "$EX" && "$ECC" bootstrap.h --header-only -o "$TMP/eh") >/dev/null 2>&1
	check test -f "$TMP/eh/bootstrap.wasm.h"
	printf '#include <stdio.h>\n#include "%s"\nint main(void) { return sizeof(struct event); }\n' \
		"$TMP/eh/bootstrap.wasm.h" >"$TMP/eh.c"
	check clang --target=wasm32-wasi --sysroot=/usr -nostdlibinc -isystem /usr/include/wasm32-wasi \
		-fsyntax-only "$TMP/eh.c"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
