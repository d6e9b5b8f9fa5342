/* SPDX-License-Identifier: MIT */
/*
 * btfgen_archive: tailored BTF archives for kernels without BTF
 * (`ecc --btfgen --btfhub-archive DIR`).
 *
 * btfgen_archive__pack walks a btfhub-archive tree
 * (<distro>/<version>/<arch>/<kernel>.btf, plain or .btf.tar.xz), runs
 * `bpftool gen min_core_btf` for every kernel in a small thread pool (libbpf
 * exports no CO-RE calculation API, so this is the one subprocess), and writes
 * <name>.tar in eunomia's layout: package.json, the object under its bare
 * name and btfhub-archive/<distro>/<version>/<arch>/<kernel>.btf. The tar is
 * reproducible (sorted entries, fixed owner, mode and mtime) and written
 * atomically, so a failed run leaves no output.
 *
 * The lower-level helpers (reproducible tar writer, .btf.tar.xz extraction)
 * are exported for the tests and for other writers of the same layout.
 *
 * Errors: 0 or a negative errno with one message logged (naming the file);
 * constructors return NULL and set errno. The caller owns what __new returns.
 */
#ifndef BTFGEN_ARCHIVE_H
#define BTFGEN_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

/* Prefix of the tailored tree inside the tar (eunomia's ecli looks for it). */
#define BTFGEN_ARCHIVE_TREE "btfhub-archive"

/* Biggest kernel BTF accepted from a .btf.tar.xz (full vmlinux BTF is ~5 MiB). */
#define BTFGEN_ARCHIVE_MAX_BTF (512u << 20)

struct btfgen_archive_opts {
	const char *bpf_obj_path; /* the packaged .bpf.o */
	const char *package_json; /* the package.json already written */
	const char *archive_dir;  /* btfhub-archive tree */
	const char *out_tar;	  /* output tar path */
	const char *bpftool_bin;  /* NULL = "bpftool" from PATH, else /usr/sbin */
	int jobs;		  /* 0 = number of online CPUs */
	bool verbose;		  /* per-kernel lines at CMN_INFO */
};

/*
 * Build the tar described above. -ENOENT when the directory is missing or
 * holds no kernel BTF; -EINVAL for a corrupt .btf.tar.xz or a bpftool
 * failure (the message names the kernel file). Nothing is written on error.
 */
int btfgen_archive__pack(const struct btfgen_archive_opts *opts);

/* ---- reproducible tar writer ------------------------------------------ */

struct btfgen_tar;

/* An empty in-memory tar; entries are sorted by name when finished. */
struct btfgen_tar *btfgen_tar__new(void);
void btfgen_tar__free(struct btfgen_tar *t);

/*
 * Add a regular file (copied). The name must be relative, without "." or
 * ".." components; a duplicate name is -EEXIST.
 */
int btfgen_tar__add(struct btfgen_tar *t, const char *name, const void *data, size_t len);

/* Add the contents of the file at `path` under `name`. */
int btfgen_tar__add_file(struct btfgen_tar *t, const char *name, const char *path);

/*
 * Render the tar (POSIX ustar, pax headers only for long names; owner 0:0
 * with empty owner names, mode 0644, mtime $SOURCE_DATE_EPOCH or 0) and write
 * it atomically to `path`.
 */
int btfgen_tar__write(struct btfgen_tar *t, const char *path);

/*
 * Extract the kernel BTF from a btfhub .btf.tar.xz (a tar with one regular
 * file, xz-compressed) to out_path. -EINVAL with a message naming `path` when
 * it is not such an archive; -EFBIG past BTFGEN_ARCHIVE_MAX_BTF.
 */
int btfgen_archive__extract_xz(const char *path, const char *out_path);

#endif /* BTFGEN_ARCHIVE_H */
