/* SPDX-License-Identifier: MIT */
/*
 * rtmin_btfarchive: run a package from an `ecc --btfgen` tar archive.
 *
 * Opens <name>.tar (package.json + object + btfhub-archive/ tree) and picks
 * the BTF libbpf should use: $ECLI_BTF_PATH or --btf when given; else none
 * when the running kernel has /sys/kernel/btf/vmlinux; else the tailored BTF
 * matching the running kernel (os-release ID/VERSION_ID, uname -m, uname -r),
 * extracted into a private temp dir.
 * Errors: NULL + errno from __open, with one message logged.
 */
#ifndef RTMIN_BTFARCHIVE_H
#define RTMIN_BTFARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

struct rtmin_btfarchive;

struct rtmin_btfarchive_opts {
	const char *btf_override;   /* --btf FILE or NULL ($ECLI_BTF_PATH is read too) */
	bool force_tailored;	    /* act as if the kernel had no BTF (tests) */
	const char *os_release;     /* NULL = /etc/os-release (tests pass a fixture) */
	const char *uname_machine;  /* NULL = uname -m */
	const char *uname_release;  /* NULL = uname -r */
};

/* True when the file starts like a tar archive (ustar magic at 257). */
bool rtmin_btfarchive__is_archive(const void *head, size_t len);

struct rtmin_btfarchive *rtmin_btfarchive__open(const char *path,
						const struct rtmin_btfarchive_opts *opts);
void rtmin_btfarchive__close(struct rtmin_btfarchive *a);

/* The package.json text inside the archive (borrowed, NUL-terminated). */
const char *rtmin_btfarchive__package(const struct rtmin_btfarchive *a, size_t *len);

/* The BTF path to hand libbpf (bpf_object_open_opts.btf_custom_path), or NULL
 * for the kernel's own BTF. Borrowed; valid until __close. */
const char *rtmin_btfarchive__btf_path(const struct rtmin_btfarchive *a);

#endif /* RTMIN_BTFARCHIVE_H */
