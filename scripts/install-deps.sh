#!/usr/bin/env bash
# Install the Debian bookworm packages ecc needs to build, test and run.
# Idempotent: only packages that are missing are installed.
set -euo pipefail

PKGS=(
	# build
	build-essential cmake pkg-config
	# compiler side: clang/LLVM/lld and libclang for doc comments
	clang clang-14 llvm llvm-14 lld lld-14 libclang-14-dev libclang-rt-14-dev
	# BPF: libbpf, libelf, zlib, bpftool
	libbpf-dev libelf-dev zlib1g-dev bpftool
	# metadata formats and archives
	libcjson-dev libyaml-dev libarchive-dev xz-utils
	# Wasm route: wasi-libc sysroot, compiler-rt builtins for wasm32, wabt for checks and benchmarks
	wasi-libc libclang-rt-14-dev-wasm32 wabt
	# tests: network namespaces, tc, mounts
	iproute2 util-linux procps jq xxd python3
)

missing=()
for p in "${PKGS[@]}"; do
	case "$p" in \#*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#PKGS[@]} packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages: ${missing[*]}" >&2
	echo "install-deps: run as root (sudo $0) to install them" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
