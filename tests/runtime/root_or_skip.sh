#!/bin/sh
# Run a test command as root, or exit 77 (ctest's skip) with the reason.
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root (BPF load/attach)"
	exit 77
fi
exec "$@"
