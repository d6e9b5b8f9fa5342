#!/usr/bin/env bash
# Where ecc_standalone__write finds its stub when none is given: the
# sa_write driver (built without a compiled-in stub path) is copied into a
# fresh directory, so "next to the executable" is that directory.
#
#   stub_lookup.sh SA_WRITE STUB
set -u
SA_WRITE=${1:?sa_write} STUB=${2:?stub}

fail() { echo "FAIL: $*"; [ -s "$W/err" ] && { echo "--- stderr"; cat "$W/err"; }; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/ecc-stub-lookup.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
cp "$SA_WRITE" "$W/sa_write" || fail "copy the driver"
PKG=$W/package.json
printf '{"bpf_object":"","bpf_object_size":0}\n' >"$PKG"
unset ECC_STANDALONE_STUB

# Nothing anywhere: a clear error naming every place looked at, no output.
"$W/sa_write" "$PKG" "$W/prog" 2>"$W/err" && fail "succeeded without a stub"
grep -q "no ecli standalone stub found" "$W/err" || fail "message"
grep -q "\$ECC_STANDALONE_STUB (unset)" "$W/err" || fail "message lacks the variable"
grep -q "$W/ecli-standalone" "$W/err" || fail "message lacks $W/ecli-standalone"
[ -e "$W/prog" ] && fail "output written without a stub"

# ecli-standalone next to the executable.
cp "$STUB" "$W/ecli-standalone" || fail "copy the stub"
"$W/sa_write" "$PKG" "$W/prog" 2>"$W/err" || fail "stub next to the executable not used"
cmp -s -n "$(stat -c %s "$STUB")" "$STUB" "$W/prog" || fail "output does not start with the stub"

# $ECC_STANDALONE_STUB wins, and when set it must exist.
rm -f "$W/prog"
ECC_STANDALONE_STUB=$W/nope "$W/sa_write" "$PKG" "$W/prog" 2>"$W/err" && fail "a missing \$ECC_STANDALONE_STUB was ignored"
grep -q "ECC_STANDALONE_STUB=$W/nope: no such file" "$W/err" || fail "message for a missing \$ECC_STANDALONE_STUB"
[ -e "$W/prog" ] && fail "output written with a missing stub"
printf 'not an executable' >"$W/text"
ECC_STANDALONE_STUB=$W/text "$W/sa_write" "$PKG" "$W/prog" 2>"$W/err" && fail "\$ECC_STANDALONE_STUB not used"
grep -q "stub $W/text is not an ELF executable" "$W/err" || fail "message for a non-ELF stub"
echo "PASS"
