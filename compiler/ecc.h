/* SPDX-License-Identifier: MIT */
/*
 * ecc: the compiler driver (prefix ecc_).
 *
 * `ecc [OPTIONS] SOURCE [EXPORT_HEADER]` compiles a .bpf.c with one clang
 * subprocess and builds everything else in process: vmlinux.h from kernel
 * BTF (libbpf's btf_dump), a precompiled vmlinux.h, the skeleton metadata
 * (libbpf), the doc comments (libclang, in a thread overlapping clang) and
 * package.json (zlib + base64).
 *
 * Ownership: struct ecc_opts is filled by ecc_cli__parse and freed with
 * ecc_opts__free; a job owns everything it makes. Errors: 0 or a negative
 * errno, logged once where found; the job records which kind of failure it
 * was (enum ecc_fail) and main maps that to an exit code, in one place.
 */
#ifndef ECC_H
#define ECC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, documented in `ecc --help`. */
enum ecc_exit {
	ECC_EXIT_OK = 0,
	ECC_EXIT_INPUT = 1,    /* bad source/header/doc comment/output path */
	ECC_EXIT_USAGE = 2,    /* bad command line */
	ECC_EXIT_COMPILER = 3, /* clang (or llvm-strip) failed; its messages shown */
	ECC_EXIT_INTERNAL = 4, /* out of memory, I/O, a tool missing, ... */
};

enum ecc_fail {
	ECC_FAIL_NONE,
	ECC_FAIL_INPUT,
	ECC_FAIL_COMPILER,
	ECC_FAIL_INTERNAL,
};

/* A growable list of strings {ptr, cnt, cap}; the strings are owned. */
struct ecc_strv {
	char **ptr;
	size_t cnt;
	size_t cap;
};

int ecc_strv__push(struct ecc_strv *v, const char *s);
/* Push a string the list takes ownership of (freed on failure too). */
int ecc_strv__push_owned(struct ecc_strv *v, char *s);
void ecc_strv__free(struct ecc_strv *v);

struct ecc_opts {
	const char *source;	    /* SOURCE (a header with --header-only) */
	const char *header;	    /* EXPORT_HEADER or NULL */
	const char *out_dir;	    /* -o; NULL = the source's directory */
	const char *clang_bin;	    /* -c; default "clang" */
	const char *strip_bin;	    /* -l; default "llvm-strip" */
	const char *target_arch;    /* --target-arch; default from the host */
	const char *btf_path;	    /* --btf; default /sys/kernel/btf/vmlinux */
	struct ecc_strv cflags;	    /* -a, in order */
	struct ecc_strv incdirs;    /* -I, in order */
	bool verbose;		    /* -v */
	bool yaml;		    /* -y */
	bool no_package;	    /* -n */
	bool header_only;	    /* --header-only */
	bool no_pch;		    /* --no-pch (for measuring) */
	bool wasm;		    /* --wasm */
	bool gen_wasm_app;	    /* --gen-wasm-app */
	const char *app;	    /* --app */
	const char *wasi_sysroot;   /* --wasi-sysroot */
	bool btfgen;		    /* -b/--btfgen */
	const char *btfhub_archive; /* --btfhub-archive */
	bool standalone;	    /* -s/--standalone */
};

enum ecc_cli_result {
	ECC_CLI_RUN = 0,  /* options parsed: run the compiler */
	ECC_CLI_DONE = 1, /* --help/--version printed: exit 0 */
};

/*
 * Parse argv into *o (argv strings are borrowed, not copied). Returns
 * ECC_CLI_RUN or ECC_CLI_DONE, or -EINVAL after printing a usage error that
 * names the flag.
 */
int ecc_cli__parse(int argc, char **argv, struct ecc_opts *o);
void ecc_opts__free(struct ecc_opts *o);
void ecc_cli__usage(FILE *f);

/* Run one compilation. On failure *fail says which kind it was. */
int ecc_run(const struct ecc_opts *o, enum ecc_fail *fail);

/* The producer version written into package metadata. */
const char *ecc_version(void);

#endif /* ECC_H */
