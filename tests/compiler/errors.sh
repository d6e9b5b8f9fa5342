#!/bin/sh
# errors.sh ECC BTF DIR: each bad input gives a clear message, the documented
# exit code, and leaves no output (no package, skel or object) behind.
set -u
ecc=$1 btf=$2 dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
n=0

# expect CODE MESSAGE ARGS...: run ecc with its output in a fresh directory.
expect() {
	code=$1 msg=$2
	shift 2
	n=$((n + 1))
	out="$work/out$n"
	"$ecc" -o "$out" --btf "$btf" "$@" >"$work/stdout" 2>"$work/stderr"
	rc=$?
	problem=""
	[ "$rc" -eq "$code" ] || problem="exit $rc, expected $code"
	grep -qF -- "$msg" "$work/stderr" || problem="$problem; message lacks '$msg'"
	if [ -e "$out" ]; then
		problem="$problem; created $out ($(ls "$out" | tr '\n' ' '))"
	fi
	if [ -n "$problem" ]; then
		echo "FAIL: ecc $*: $problem" >&2
		sed 's/^/  stderr: /' "$work/stderr" | head -20 >&2
		failures=$((failures + 1))
	else
		echo "ok: ecc $* -> $rc, '$msg'"
	fi
}

expect 1 "no such file" "$dir/missing.bpf.c"
expect 1 "no such file" "$dir/good.bpf.c" "$dir/missing.h"
expect 1 "is a directory, not a file" "$dir"
expect 3 "syntax.bpf.c:8:9: error: use of undeclared identifier 'undeclared_thing'" \
	"$dir/syntax.bpf.c"
expect 1 "nostruct.h: defines no struct" "$dir/good.bpf.c" "$dir/nostruct.h"
expect 1 "untagged.h:3" "$dir/untagged.bpf.c" "$dir/untagged.h"
expect 1 "baddoc.bpf.c:6" "$dir/baddoc.bpf.c"
expect 1 "struct good_event is not defined in what" "$dir/notincluded.bpf.c" "$dir/good.h"

expect 1 "the output path is empty" -o "" "$dir/good.bpf.c" "$dir/good.h"

# --header-only names the header in an #include: a '"' in its path is refused by name.
cp "$dir/good.h" "$work/we\"ird.h"
expect 1 "ird.h: a header whose path holds" --header-only "$work/we\"ird.h"

echo "not BTF" >"$work/bad.btf"
expect 1 "bad.btf: not a BTF file" --btf "$work/bad.btf" "$dir/good.bpf.c"
expect 4 "clang '/nonexistent/clang' not found" -c /nonexistent/clang "$dir/good.bpf.c"
expect 4 "'no-such-llvm-strip' not found" -l no-such-llvm-strip "$dir/good.bpf.c"

# An output path under a regular file cannot be a directory (root ignores modes),
# also when the file is further up the path.
touch "$work/regular"
n=$((n + 1))
"$ecc" -o "$work/regular/sub" --btf "$btf" "$dir/good.bpf.c" "$dir/good.h" 2>"$work/stderr"
rc=$?
"$ecc" -o "$work/regular/a/b" --btf "$btf" "$dir/good.bpf.c" 2>>"$work/stderr" || rc2=$?
if [ "$rc" -ne 1 ] || [ "${rc2:-0}" -ne 1 ] || [ "$(grep -c "cannot be a directory" "$work/stderr")" -ne 2 ]; then
	echo "FAIL: output under a regular file: exit $rc" >&2
	cat "$work/stderr" >&2
	failures=$((failures + 1))
else
	echo "ok: output under a regular file -> 1"
fi

# Usage errors: exit 2 and a message naming the flag.
expect 2 "unknown option '--no-such-flag'" --no-such-flag "$dir/good.bpf.c"
expect 2 "missing SOURCE"
expect 2 "needs a DIR argument" "$dir/good.bpf.c" -I
expect 2 "--subskeleton is not available" --subskeleton "$dir/good.bpf.c"
expect 2 "unexpected argument" "$dir/good.bpf.c" "$dir/good.h" "$dir/extra.h"

# The good input really compiles with the same setup (the cases above fail for their reason).
"$ecc" -o "$work/good" --btf "$btf" "$dir/good.bpf.c" "$dir/good.h" 2>"$work/stderr" ||
	{ echo "FAIL: good.bpf.c does not compile" >&2; cat "$work/stderr" >&2; failures=$((failures + 1)); }
[ -f "$work/good/package.json" ] || { echo "FAIL: good.bpf.c wrote no package" >&2; failures=$((failures + 1)); }

echo "$n error cases, $failures failed"
[ "$failures" -eq 0 ]
