#!/bin/sh
# update-goldens.sh ECC: rewrite every expected.skel.json under cases/ from
# the current ecc (review the diff before committing it).
set -eu
ecc=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$here"/cases/*/; do
	name=$(basename "$dir")
	src=$(ls "$dir"*.bpf.c 2>/dev/null || ls "$dir"*.h)
	hdr=""
	[ -f "$dir/$name.h" ] && [ "$src" != "$dir$name.h" ] && hdr="$dir/$name.h"
	flags=""
	[ -f "$dir/flags" ] && flags=$(cat "$dir/flags")
	# shellcheck disable=SC2086
	"$ecc" -o "$tmp/$name" --btf "$here/btf/kernel_types.btf" $flags $src $hdr
	cp "$tmp/$name"/*.skel.json "$dir/expected.skel.json"
	echo "updated $dir/expected.skel.json"
done
# examples/<name>/<name>.bpf.c (+ <name>.h) -> examples/<name>.skel.json here
mkdir -p "$here/examples"
for dir in "$here"/../../examples/*/; do
	name=$(basename "$dir")
	[ -f "$dir/$name.bpf.c" ] || continue
	hdr=""
	[ -f "$dir/$name.h" ] && hdr="$dir/$name.h"
	"$ecc" -o "$tmp/ex-$name" --btf "$here/btf/kernel_types.btf" "$dir/$name.bpf.c" $hdr
	cp "$tmp/ex-$name"/*.skel.json "$here/examples/$name.skel.json"
	echo "updated $here/examples/$name.skel.json"
done
