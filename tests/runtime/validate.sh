#!/usr/bin/env bash
# `ecli validate` over every folder of tests/runtime/validate/: good-* must
# pass with expected-stdout in the summary; every other case must fail with
# exit 1 and expected-stderr in the message. No root needed.
#   validate.sh ECLI CASES_DIR
set -u
ECLI=$1
DIR=$2
# validate needs no privileges: as root, run the cases as nobody
if [ "$(id -u)" = 0 ] && [ -z "${RTMIN_AS_NOBODY:-}" ] && command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$DIR/good-compat/package.json" 2>/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$ECLI"; then
	echo "(running as nobody)"
	RTMIN_AS_NOBODY=1 TMPDIR=/tmp exec setpriv --reuid=65534 --regid=65534 --clear-groups bash "$0" "$@"
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/ecli-validate.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
fails=0 n=0
for d in "$DIR"/*/; do
	name=$(basename "$d")
	n=$((n + 1))
	"$ECLI" validate "$d/package.json" >"$W/out" 2>"$W/err"
	rc=$?
	if [ -f "$d/expected-stdout" ]; then
		want=0 file=$W/out exp=$d/expected-stdout
	else
		want=1 file=$W/err exp=$d/expected-stderr
	fi
	if [ $rc != $want ] || ! grep -qF -- "$(cat "$exp")" "$file"; then
		echo "FAIL $name: exit $rc (want $want); expected: $(cat "$exp")"
		sed 's/^/  | /' "$W/out" "$W/err" | head -10
		fails=$((fails + 1))
	else
		echo "ok   $name"
	fi
done
echo "$((n - fails)) passed, $fails failed"
[ $fails = 0 ] && [ $n -gt 0 ]
