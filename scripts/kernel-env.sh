#!/usr/bin/env bash
# Mount what kernel tests need, idempotently: tracefs (tracepoint attach
# fails with ENOENT without it) and bpffs. A cgroup v2 hierarchy is mounted by
# the tests that need it, in a directory of their own.
set -u
[ "$(id -u)" -eq 0 ] || { echo "kernel-env: not root, nothing mounted"; exit 0; }
if [ -d /sys/kernel/tracing ] && ! mountpoint -q /sys/kernel/tracing; then
	mount -t tracefs tracefs /sys/kernel/tracing || echo "kernel-env: could not mount tracefs"
fi
if [ -d /sys/fs/bpf ] && ! mountpoint -q /sys/fs/bpf; then
	mount -t bpf bpf /sys/fs/bpf || echo "kernel-env: could not mount bpffs"
fi
exit 0
