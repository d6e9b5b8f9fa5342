#!/bin/sh
# SPDX-License-Identifier: MIT
# The guest SDK's own logic, in a Wasm guest run by the engine (no kernel,
# no root): usage: run_sdk.sh RUNNER SOURCE_DIR
set -u
RUNNER=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecc-wasmsdk.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
if ! command -v clang >/dev/null || [ ! -f /usr/include/wasm32-wasi/stdio.h ]; then
	echo "skip: clang or wasi-libc missing"
	exit 0
fi
clang --target=wasm32-wasi --sysroot=/usr -nostdlibinc -isystem /usr/include/wasm32-wasi \
	-O2 -Wall -Wno-unused-parameter -Werror -Wl,--export-table -Wl,--strip-debug \
	-I"$SRC/skelgen/guest" "$SRC/tests/wasmroute/apps/sdk_test.c" -o "$TMP/sdk.wasm" || exit 1
"$RUNNER" "$TMP/sdk.wasm"
