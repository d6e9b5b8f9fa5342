#!/usr/bin/env bash
# The Dockerfile's build stage without Docker: exactly the paths its COPY
# lines name, taken from the checkout's HEAD commit (git archive), configured
# and built with the stage's own commands; the result must be a working ecc.
# Usage: test_builder_stage.sh ROOT
set -uo pipefail
ROOT=${1:?usage: test_builder_stage.sh ROOT}
DF=${DOCKERFILE:-$ROOT/Dockerfile}

if ! git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null; then
	echo "SKIP: $ROOT is not a git checkout with a commit"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# COPY lines of the first stage (not COPY --from): SRC DEST pairs.
joined=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$DF" | grep -v '^[[:space:]]*#')
mapfile -t copies < <(awk '/^FROM /{n++} n==1 && /^COPY / && !/--from/ {print $2, $3}' <<<"$joined")
if [ ${#copies[@]} -eq 0 ]; then
	echo "FAIL: no COPY in the build stage"
	exit 1
fi
mkdir -p "$tmp/ctx"
for c in "${copies[@]}"; do
	read -r src dest <<<"$c"
	[ "$dest" = ./ ] && dest=$src
	mkdir -p "$tmp/ctx/$(dirname "$dest")"
	if ! git -C "$ROOT" archive HEAD "$src" | tar -x -C "$tmp/ctx"; then
		echo "FAIL: COPY $src: not in the repository"
		exit 1
	fi
done
echo "build context: ${#copies[@]} COPY lines"
if ! (cmake -S "$tmp/ctx" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release &&
	cmake --build "$tmp/build" -j"$(nproc)" --target ecc) >"$tmp/log" 2>&1; then
	echo "FAIL: the build stage's cmake commands fail on its COPY'd files:"
	tail -n 40 "$tmp/log"
	exit 1
fi
if ! "$tmp/build/compiler/ecc" -V >/dev/null; then
	echo "FAIL: the built ecc does not run"
	exit 1
fi
echo "1 passed, 0 failed"
