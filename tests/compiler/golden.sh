#!/bin/sh
# golden.sh ECC PKGCHECK BTF EXPECTED_SKEL SOURCE [HEADER]
# Compile SOURCE (+HEADER) against the pinned BTF and check:
#  1. the skel equals EXPECTED_SKEL byte for byte;
#  2. the package decodes and agrees with its own BTF (pkgcheck);
#  3. a second run gives byte-identical outputs (determinism);
#  4. -y gives YAML holding the same trees, and a package pkgcheck accepts.
set -u
ecc=$1 check=$2 btf=$3 expected=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

run() { # OUTDIR [FLAGS...]
	out=$1
	shift
	"$ecc" -o "$out" --btf "$btf" "$@" || fail "ecc exited $? for $*"
}

run "$work/a" "$@"
skel=$(ls "$work/a"/*.skel.json) || fail "no skel.json written"
if ! cmp -s "$expected" "$skel"; then
	diff -u "$expected" "$skel" | head -60 >&2
	fail "$skel differs from $expected (regenerate with update-goldens.sh if intended)"
fi
if [ -f "$work/a/package.json" ]; then
	"$check" "$work/a/package.json" || fail "package check"
fi

run "$work/b" "$@"
for f in "$work/a"/*; do
	cmp "$f" "$work/b/$(basename "$f")" || fail "$(basename "$f") differs between two runs"
done

run "$work/y" -y "$@"
yskel=$(ls "$work/y"/*.skel.yaml) || fail "no skel.yaml written with -y"
"$check" --same-tree "$yskel" "$skel" || fail "YAML skel differs from JSON skel"
if [ -f "$work/a/package.json" ]; then
	"$check" "$work/y/package.yaml" || fail "YAML package check"
	"$check" --same-tree "$work/y/package.yaml" "$work/a/package.json" || fail "YAML package differs"
fi
echo "golden ok: $skel"
