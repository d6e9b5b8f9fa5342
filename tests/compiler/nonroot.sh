#!/bin/sh
# nonroot.sh ECC SOURCE HEADER: ecc needs no privileges. As user nobody, with
# a cache and output in a fresh directory, compile against the running
# kernel's BTF (readable by everyone) and get a package.
set -u
ecc=$1 src=$2 hdr=$3
if [ "$(id -u)" -ne 0 ]; then
	"$ecc" -o "$(mktemp -d)/out" "$src" "$hdr" && echo "ok: compiled as $(id -un)" && exit 0
	exit 1
fi
command -v setpriv >/dev/null || { echo "SKIP: setpriv (util-linux) is missing"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0777 "$work"
cp "$src" "$hdr" "$work/"
chmod 0644 "$work"/*
# The build tree may be unreadable to nobody (e.g. under /root): run a copy.
cp "$ecc" "$work/ecc"
chmod 0755 "$work/ecc"
setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$work" ECC_CACHE_DIR="$work/cache" \
	"$work/ecc" -o "$work/out" "$work/$(basename "$src")" "$work/$(basename "$hdr")" ||
	{ echo "FAIL: ecc as nobody"; exit 1; }
[ -f "$work/out/package.json" ] || { echo "FAIL: no package"; exit 1; }
[ "$(stat -c %u "$work/out/package.json")" = 65534 ] || { echo "FAIL: not written by nobody"; exit 1; }
echo "ok: compiled as nobody"
