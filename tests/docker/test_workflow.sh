#!/usr/bin/env bash
# The GitHub Actions template: valid YAML of the right shape (libyaml, via
# check_files), the user-repo copy identical, its Debian packages real, and
# its build and compile steps run here as scripts, the local checkout
# standing in for the clone of ECC_REPO (no network).
# Usage: test_workflow.sh ROOT CHECK_FILES
set -uo pipefail
ROOT=${1:?usage: test_workflow.sh ROOT CHECK_FILES}
CHECK=${2:?}
WF=$ROOT/templates/github-actions/ecc.yml
. "$(dirname "$0")/lib.sh"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() {
	fail=$((fail + 1))
	echo "FAIL: $*"
	[ -f "$tmp/log" ] && tail -n 30 "$tmp/log" | sed 's/^/    /'
	rm -f "$tmp/log"
}

# 1. shape, and the checker does reject bad files
if "$CHECK" workflow "$WF" 2>"$tmp/log"; then ok; else no "workflow shape"; fi
printf 'name: x\non: push\njobs:\n  b:\n    steps: [\n' >"$tmp/bad.yml"
"$CHECK" workflow "$tmp/bad.yml" 2>/dev/null && no "broken YAML accepted" || ok
printf 'name: x\non: push\nenv: {ECC_REPO: r, ECC_REF: m}\njobs:\n  b:\n    steps:\n      - name: n\n' >"$tmp/bad2.yml"
"$CHECK" workflow "$tmp/bad2.yml" 2>/dev/null && no "job without runs-on/run accepted" || ok
if cmp -s "$WF" "$ROOT/templates/user-repo/.github/workflows/ecc.yml"; then ok; else
	no "templates/user-repo/.github/workflows/ecc.yml differs from templates/github-actions/ecc.yml"
fi

# 2. every Debian package it installs exists; the build runs only when all
#    are installed here (the install step itself needs the network)
pkgs=$("$CHECK" workflow-env "$WF" DEB_PACKAGES) || no "DEB_PACKAGES"
known=$(known_packages $pkgs)
installed=$(installed_packages $pkgs)
missing=()
for p in $pkgs; do
	if ! grep -qx "$p" <<<"$known"; then
		no "DEB_PACKAGES: no Debian package named $p"
	elif ! grep -qx "$p" <<<"$installed"; then
		missing+=("$p")
	else
		ok
	fi
done
echo "note: step 'deps' (apt-get install) not run: it needs the network"
if [ ${#missing[@]} -gt 0 ]; then
	echo "SKIP build and compile steps: not installed here: ${missing[*]}"
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit
fi

# 3. the build and compile steps, in a copy of the template repository
repo=$tmp/repo
mkdir -p "$repo" "$tmp/runner"
cp -r "$ROOT/templates/user-repo/." "$repo/"
# a second program, its header in eunomia's NAME.bpf.h naming
cp "$ROOT/examples/tc_ingress/tc_ingress.bpf.c" "$repo/src/"
cp "$ROOT/examples/tc_ingress/tc_ingress.h" "$repo/src/tc_ingress.bpf.h"
sed -i 's/"tc_ingress.h"/"tc_ingress.bpf.h"/' "$repo/src/tc_ingress.bpf.c"
# ECC_REPO: a shared clone of this checkout with a branch at its HEAD
# commit, so a detached HEAD (CI) works too; uncommitted changes are not in it.
if ! git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null; then
	echo "SKIP build and compile steps: $ROOT is not a git checkout with a commit"
	echo "$pass passed, $fail failed"
	[ $fail -eq 0 ]
	exit
fi
ref=ecc-workflow-test
head=$(git -C "$ROOT" rev-parse HEAD)
git clone -q --shared --no-checkout "$ROOT" "$tmp/origin" &&
	git -C "$tmp/origin" branch -q -f "$ref" "$head" ||
	no "cannot make a local stand-in for ECC_REPO"
for step in ecc-rev build-ecc compile; do
	"$CHECK" workflow-run "$WF" "$step" >"$tmp/$step.sh" || { no "no step $step"; continue; }
	if (cd "$repo" && RUNNER_TEMP=$tmp/runner ECC_REPO=file://$tmp/origin ECC_REF=$ref \
		GITHUB_OUTPUT=$tmp/github-output ECC_CACHE_DIR=$tmp/cache \
		bash -e "$tmp/$step.sh") >"$tmp/log" 2>&1; then
		ok
		rm -f "$tmp/log"
	else
		no "step $step"
	fi
done
grep -qx "rev=$head" "$tmp/github-output" 2>/dev/null && ok ||
	no "step ecc-rev did not output the revision of ECC_REF"
if "$CHECK" package "$repo/dist/execsnoop/package.json" exec_event 2>"$tmp/log"; then ok; else
	no "dist/execsnoop/package.json"
fi
[ -f "$repo/dist/execsnoop.package.json" ] && ok || no "release asset dist/execsnoop.package.json"
if "$CHECK" package "$repo/dist/tc_ingress/package.json" packet_event 2>"$tmp/log"; then ok; else
	no "dist/tc_ingress/package.json (header src/tc_ingress.bpf.h)"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
