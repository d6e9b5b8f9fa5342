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

/*
 * Like __open, on a tar already in memory (ecli has read the file to sniff
 * it; fuzzers). `name` is only used in messages. The data is not kept.
 */
struct rtmin_btfarchive *rtmin_btfarchive__open_mem(const void *data, size_t len,
						    const char *name,
						    const struct rtmin_btfarchive_opts *opts);

/* True when the BTF picked is a tailored file from the archive (not the
 * kernel's, not an override): programs needing full BTF cannot load then. */
bool rtmin_btfarchive__is_tailored(const struct rtmin_btfarchive *a);

/*
 * True for programs that need the kernel's full BTF at load, which tailored
 * BTF (CO-RE relocations only) cannot give: iter/, tp_btf/, fentry/, fexit/,
 * fmod_ret/, lsm/ (and their sleepable .s forms), lsm_cgroup/, struct_ops.
 * ecli names such programs when it runs with tailored BTF.
 */
bool rtmin_btfarchive__prog_needs_full_btf(const char *sec_name);

struct bpf_object;

/*
 * Call after opening the object with __btf_path and before loading it. With
 * tailored BTF, log each program that will load (autoload on) but needs the
 * kernel's full BTF, by name and section, and return -EOPNOTSUPP; ecli then
 * stops, or turns those programs' autoload off and retries. 0 otherwise
 * (kernel BTF, an override, or no such program).
 */
int rtmin_btfarchive__check_progs(const struct rtmin_btfarchive *a, struct bpf_object *obj);

#endif /* RTMIN_BTFARCHIVE_H */
