#!/usr/bin/env bash
# Static checks of the Dockerfile (no Docker engine runs here): two stages on
# Debian bookworm; the builder copies every directory the CMake build reads;
# every package named exists; the final stage has no build tools and yet
# provides every shared library the built ecc links and the tools it runs.
# Usage: test_dockerfile.sh ROOT [ECC_BINARY]
set -uo pipefail
ROOT=${1:?usage: test_dockerfile.sh ROOT [ECC]}
ECC=${2:-}
DF=$ROOT/Dockerfile
. "$(dirname "$0")/lib.sh"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The Dockerfile with continuation lines joined, one instruction per line.
joined=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$DF" | grep -v '^[[:space:]]*#')

# 1. two stages, both on the bookworm base
froms=$(grep -c '^FROM ' <<<"$joined")
[ "$froms" = 2 ] && ok || no "expected 2 FROM stages, found $froms"
grep -q '^ARG BASE=debian:bookworm' <<<"$joined" && ok || no "base is not debian:bookworm"
[ "$(grep '^FROM ' <<<"$joined" | grep -vc '^FROM \${BASE}')" = 0 ] && ok ||
	no "a stage is not FROM \${BASE}"

# Packages apt-get installs in stage N (1 or 2).
stage_pkgs() {
	awk -v want="$1" '/^FROM /{n++} n==want && /apt-get install/' <<<"$joined" |
		sed -e 's/.*apt-get install//' -e 's/&&.*//' | tr -s ' \t' '\n' | grep -v '^-' | grep -v '^$'
}
build_pkgs=$(stage_pkgs 1)
final_pkgs=$(stage_pkgs 2)
[ -n "$build_pkgs" ] && [ -n "$final_pkgs" ] && ok || no "no apt-get install in a stage"
known=$(known_packages $build_pkgs $final_pkgs)
for p in $build_pkgs $final_pkgs; do
	grep -qx "$p" <<<"$known" && ok || no "no Debian package named $p"
done
for p in build-essential cmake pkg-config gcc make; do
	grep -qx "$p" <<<"$final_pkgs" && no "final stage installs build tool $p" || ok
done

# 2. the builder copies every directory the top-level CMakeLists.txt adds
for d in $(sed -n 's/^add_subdirectory(\([^/)]*\).*/\1/p' "$ROOT/CMakeLists.txt" | sort -u); do
	grep -q "^COPY $d " <<<"$joined" && ok || no "builder does not COPY $d (add_subdirectory($d))"
done
grep -q '^ENTRYPOINT \["/usr/local/bin/docker-entry.sh"\]' <<<"$joined" && ok || no "ENTRYPOINT"
grep -q 'scripts/docker-entry.sh' <<<"$joined" && ok || no "entry script not copied"

# 3. the final stage provides what ecc needs at run time
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances $final_pkgs 2>/dev/null |
	grep -v '^ ' | grep -v '^<' | sort -u)
# Every file must belong to a package of the final stage's closure.
check_provided() { # check_provided WHAT FILE...
	local what=$1 f pkg
	shift
	local map
	map=$(owners "$@")
	for f in "$@"; do
		pkg=$(awk -v f="$f" '$1 == f { print $2 }' <<<"$map")
		if [ -n "$pkg" ] && grep -qx "$pkg" <<<"$closure"; then ok; else
			no "final stage lacks $f ($what, package ${pkg:-unknown})"
		fi
	done
}
check_provided "run or included by ecc" /usr/lib/llvm-14/bin/clang \
	/usr/lib/llvm-14/bin/llvm-strip /usr/include/bpf/bpf_helpers.h /usr/include/linux/bpf.h
if [ -n "$ECC" ] && [ -x "$ECC" ]; then
	mapfile -t libs < <(ldd "$ECC" | awk '$3 ~ /^\// {print $3}')
	check_provided "linked by ecc" "${libs[@]}"
else
	echo "note: no ecc binary given: shared-library check skipped"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
