#!/usr/bin/env bash
# Entry point of the ecc container image (see Dockerfile).
#
#   docker run --rm -v "$PWD":/src IMAGE
#       compile the one /src/*.bpf.c (with its export header /src/NAME.h,
#       or /src/NAME.bpf.h, when one exists) into /src/package.json;
#   docker run --rm -v "$PWD":/src IMAGE ARGS...
#       run `ecc ARGS...` (e.g. /src/foo.bpf.c /src/foo.h -o /src/out).
#
# Environment:
#   ECC_SRC_DIR       the mounted source directory (default /src)
#   ECC_BIN           the ecc to run (default: ecc from PATH)
#   ECC_FALLBACK_BTF  kernel BTF to use when the host has no
#                     /sys/kernel/btf/vmlinux and no --btf is given
#   ECC_KERNEL_BTF    where the host's BTF is looked for (default
#                     /sys/kernel/btf/vmlinux; tests point it elsewhere)
# Files ecc writes into the source directory are given to the owner of that
# directory, so a root container does not leave root-owned files behind.
set -uo pipefail

SRC_DIR=${ECC_SRC_DIR:-/src}
ECC=${ECC_BIN:-ecc}
KERNEL_BTF=${ECC_KERNEL_BTF:-/sys/kernel/btf/vmlinux}

die() {
	local code=$1
	shift
	printf 'ecc-docker: %s\n' "$*" >&2
	exit "$code"
}

# --btf FILE when this kernel has no BTF and the image carries some.
btf_args() {
	local a
	for a in "$@"; do
		case "$a" in --btf | --btf=*) return 0 ;; esac
	done
	if [ ! -r "$KERNEL_BTF" ] && [ -n "${ECC_FALLBACK_BTF:-}" ] && [ -r "$ECC_FALLBACK_BTF" ]; then
		echo "ecc-docker: $KERNEL_BTF is missing, using $ECC_FALLBACK_BTF" >&2
		printf '%s\n' --btf "$ECC_FALLBACK_BTF"
	fi
}

# Hand the outputs to the owner of the source directory (only as root).
give_back() {
	local owner f
	[ "$(id -u)" = 0 ] || return 0
	owner=$(stat -c %u:%g "$SRC_DIR") || return 0
	[ "$owner" = 0:0 ] && return 0
	for f in "$@"; do
		[ -e "$f" ] && chown "$owner" "$f"
	done
	return 0
}

# No arguments: the one .bpf.c in the source directory.
compile_src_dir() {
	local sources=() src name hdr extra=() rc
	[ -d "$SRC_DIR" ] ||
		die 2 "$SRC_DIR is not a directory: mount your sources there (docker run -v \"\$PWD\":/src IMAGE)"
	shopt -s nullglob
	sources=("$SRC_DIR"/*.bpf.c)
	shopt -u nullglob
	[ ${#sources[@]} -gt 0 ] ||
		die 2 "no .bpf.c file in $SRC_DIR (mount the directory that holds NAME.bpf.c and NAME.h)"
	if [ ${#sources[@]} -gt 1 ]; then
		die 2 "$SRC_DIR has ${#sources[@]} .bpf.c files (${sources[*]##*/}); name the one to compile: IMAGE /src/NAME.bpf.c /src/NAME.h -o /src"
	fi
	src=${sources[0]}
	name=$(basename "$src" .bpf.c)
	hdr="$SRC_DIR/$name.h"
	# eunomia's examples name it NAME.bpf.h
	[ -f "$hdr" ] || [ ! -f "$SRC_DIR/$name.bpf.h" ] || hdr="$SRC_DIR/$name.bpf.h"
	mapfile -t extra < <(btf_args)
	if [ -f "$hdr" ]; then
		echo "ecc-docker: compiling $src with export header $hdr into $SRC_DIR/package.json" >&2
		"$ECC" "${extra[@]}" "$src" "$hdr" -o "$SRC_DIR"
	else
		echo "ecc-docker: compiling $src (no $name.h or $name.bpf.h: no export types) into $SRC_DIR/package.json" >&2
		"$ECC" "${extra[@]}" "$src" -o "$SRC_DIR"
	fi
	rc=$?
	[ $rc -eq 0 ] && give_back "$SRC_DIR/package.json" "$SRC_DIR/$name.bpf.o" "$SRC_DIR/$name.skel.json"
	return $rc
}

if [ $# -eq 0 ]; then
	compile_src_dir
	exit $?
fi
mapfile -t extra < <(btf_args "$@")
exec "$ECC" "${extra[@]}" "$@"
