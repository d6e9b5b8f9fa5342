/* SPDX-License-Identifier: MIT */
/*
 * ecc_job: the state of one compilation, shared by the driver's files
 * (ecc_run.c, ecc_clang.c, ecc_cache.c, ecc_vmlinux.c, ecc_out.c). Private
 * to compiler/. Everything hangs off the job: ecc can run twice in one
 * process. The job owns every string and buffer in it.
 */
#ifndef ECC_JOB_H
#define ECC_JOB_H

#include <stdint.h>
#include <cJSON.h>
#include "ecc.h"

struct ecc_job {
	const struct ecc_opts *o;
	enum ecc_fail fail;

	/* names */
	char *src;	  /* absolute path of SOURCE */
	char *hdr;	  /* absolute path of EXPORT_HEADER, or NULL */
	char *src_dir;	  /* its directory */
	char *out_dir;	  /* created output directory */
	char *obj_file;	  /* "foo.bpf.o" */
	char *obj_name;	  /* "foo_bpf" */
	char *stem;	  /* "foo": for foo.skel.json */
	const char *arch; /* x86, arm64, ... */

	/* tools and caches */
	char *tmpdir;		/* private mkdtemp directory */
	char *cache_dir;	/* NULL when no cache can be used */
	char *clang_path;	/* clang_bin resolved through PATH */
	char *clang_key;	/* identity of the clang binary (path, size, mtime) */
	char *clang_version;	/* first line of `clang -v` */
	struct ecc_strv sysinc; /* clang's system include dirs */
	char *vmlinux_dir;	/* directory holding our vmlinux.h, or NULL */
	char *pch;		/* precompiled vmlinux.h, or NULL */
	uint64_t btf_hash;

	/* the compile */
	struct ecc_strv pp_args;  /* preprocessor/target flags shared by clang and libclang */
	struct ecc_strv pch_args; /* the subset vmlinux.h depends on (no include dirs) */
	char **structs;		  /* export struct tags */
	size_t n_structs;
	void *obj; /* the packaged (stripped) object */
	size_t obj_len;
	cJSON *doc;  /* doc comments */
	cJSON *meta; /* the skel */
};

/* Mark the kind of failure (the first one sticks) and pass err through. */
int ecc_job__fail(struct ecc_job *j, enum ecc_fail kind, int err);

/* ecc_cache.c */
uint64_t ecc_hash(const void *data, size_t len, uint64_t seed);
uint64_t ecc_hash_str(const char *s, uint64_t seed);
uint64_t ecc_hash_wide(const void *data, size_t len, uint64_t seed);
/* Resolve $ECC_CACHE_DIR / $XDG_CACHE_HOME/ecc / ~/.cache/ecc and create it. */
char *ecc_cache__dir(void);
/*
 * Publish data at `path` without ever replacing an existing file: temp file
 * + link(). An existing file (another run won the race) counts as success.
 */
int ecc_cache__publish(const char *path, const void *data, size_t len);
/* Move an already-written temp file to `path` the same way. */
int ecc_cache__publish_file(const char *tmp, const char *path);

/* ecc_clang.c */
int ecc_clang__resolve(struct ecc_job *j);
int ecc_clang__sysinc(struct ecc_job *j);
int ecc_clang__build_pp_args(struct ecc_job *j);
int ecc_clang__compile(struct ecc_job *j, const char *obj_out);
int ecc_clang__strip(struct ecc_job *j, const char *in, const char *out);
/* Run a tool; on failure show its stderr unchanged and mark the job. */
int ecc_clang__run_tool(struct ecc_job *j, char *const *argv, const char *what);

/* ecc_vmlinux.c */
int ecc_vmlinux__prepare(struct ecc_job *j);
int ecc_vmlinux__pch(struct ecc_job *j);

/* ecc_out.c */
int ecc_out__write(struct ecc_job *j);

#endif /* ECC_JOB_H */
