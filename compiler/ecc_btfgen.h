/* SPDX-License-Identifier: MIT */
/*
 * ecc_btfgen: `ecc -b/--btfgen --btfhub-archive DIR`.
 *
 * For every kernel BTF under a btfhub-archive tree
 * (<distro>/<version>/<arch>/<kernel>.btf, plain or .btf.tar.xz), generate the
 * minimal BTF the object's CO-RE relocations need (bpftool gen min_core_btf:
 * libbpf exports no API for it), in parallel, and pack package.json, the
 * object under its bare name and a btfhub-archive/ tree into <name>.tar
 * (eunomia's layout), reproducibly.
 * Errors: 0 or a negative errno, with one message logged.
 */
#ifndef ECC_BTFGEN_H
#define ECC_BTFGEN_H

#include <stdbool.h>

struct ecc_btfgen_opts {
	const char *bpf_obj_path;     /* the packaged .bpf.o */
	const char *package_json;     /* the package.json already written */
	const char *archive_dir;      /* --btfhub-archive DIR */
	const char *out_tar;	      /* e.g. OUT/<name>.tar */
	const char *bpftool_bin;      /* NULL = "bpftool" from PATH or /usr/sbin */
	int jobs;		      /* 0 = number of online CPUs */
	bool verbose;
};

int ecc_btfgen__pack(const struct ecc_btfgen_opts *o);

#endif /* ECC_BTFGEN_H */
