#!/bin/sh
# SPDX-License-Identifier: MIT
# Compare a program's results under wasmi with the same C built natively.
#   run_progs.sh WASMI_INVOKE PROG.wasm PROG_NATIVE
# The native program prints "FUNC TYPE:VALUE" lines; each FUNC is invoked
# in the module and its output must be the same.
set -u
invoke=$1 wasm=$2 native=$3
pass=0 fail=0
expected=$("$native") || { echo "run_progs: $native failed" >&2; exit 1; }
while read -r fn want; do
	got=$("$invoke" "$wasm" "$fn" 2>&1)
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $fn: got '$got', native gives '$want'"
	fi
done <<EOT
$expected
EOT
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
