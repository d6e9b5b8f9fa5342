#!/bin/sh
# pkgcheck_rejects.sh ECC PKGCHECK BTF SOURCE HEADER: the package checker
# accepts ecc's package and rejects each kind of tampering with it.
set -u
ecc=$1 check=$2 btf=$3 src=$4 hdr=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$ecc" -o "$work/out" --btf "$btf" "$src" "$hdr" || fail "ecc"
pkg="$work/out/package.json"
"$check" "$pkg" >/dev/null || fail "the untouched package is rejected"

# tamper NAME SED-EXPRESSION: the edit must change the file and be rejected.
tamper() {
	sed "$2" "$pkg" >"$work/$1.json"
	cmp -s "$pkg" "$work/$1.json" && fail "$1: the edit did not apply (test is void)"
	if "$check" "$work/$1.json" >/dev/null 2>"$work/$1.err"; then
		fail "$1: accepted"
	fi
	echo "ok: $1 rejected: $(head -1 "$work/$1.err")"
}

tamper size 's/"bpf_object_size":\([0-9]*\)/"bpf_object_size":1\1/'
tamper type_id 's/"type_id":[0-9]*/"type_id":1/'
tamper member 's/"name":"ppid"/"name":"parent"/'
tamper member_type 's/"name":"uid","type":"unsigned int"/"name":"uid","type":"long"/'
tamper variable 's/"name":"target_uid"/"name":"no_such_var"/'
tamper base64 's/"bpf_object":"eN/"bpf_object":"e*N/'
tamper truncated 's/"bpf_object":"\([A-Za-z0-9+\/]\{40\}\)[^"]*"/"bpf_object":"\1"/'
