/* SPDX-License-Identifier: MIT */
/*
 * rtmin: the package loader behind `ecli run` and `ecli validate`.
 *
 * A package (package.json, package.yaml, stdin, or an `ecc --btfgen` tar)
 * is read into a struct rtmin_pkg: the JSON tree, the inflated BPF object
 * (checked structurally by rtmin_check before libbpf sees it) and the meta
 * fields. rtmin_run__main() turns the object's globals into flags, loads and
 * attaches every program it can, prints what the program exports and tears
 * everything down on SIGINT/SIGTERM or after --duration.
 *
 * Errors: actions return 0 or a negative errno and log once (pr_warn) with
 * the file/field/flag at fault; constructors return NULL and set errno.
 * Ownership: rtmin_pkg__open's result is freed with rtmin_pkg__close.
 */
#ifndef RTMIN_H
#define RTMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The largest inflated object accepted, whatever bpf_object_size says. */
#define RTMIN_MAX_OBJECT (64u << 20)
/* The largest package file read. */
#define RTMIN_MAX_PACKAGE (256u << 20)

struct rtmin_pkg;

/*
 * Read and check a package: JSON shape, base64, inflate with the absolute
 * cap, size match, ELF/BTF structure. `path` "-" reads stdin. NULL + errno
 * (EINVAL for a malformed package, with the reason logged).
 */
struct rtmin_pkg *rtmin_pkg__open(const char *path);
/* The same from memory (data is copied); `name` is used in messages. */
struct rtmin_pkg *rtmin_pkg__open_mem(const char *name, const void *data, size_t len);
void rtmin_pkg__close(struct rtmin_pkg *pkg);

/* Options of `ecli run` that come before the package. */
struct rtmin_run_opts {
	bool json;		/* -j: JSON lines */
	bool verbose;		/* -v: libbpf messages and verifier logs */
	double duration;	/* --duration SECS, 0 = until a signal */
	const char *ifname;	/* --ifname: xdp/tc/socket target */
	int ifindex;		/* --ifindex */
	const char *cgroup;	/* --cgroup PATH */
	int freq;		/* --freq for perf_event programs (Hz) */
	const char *btf;	/* --btf FILE: custom kernel BTF */
};

/*
 * Run a package: parse the program's flags (argv[0] is the first program
 * flag; argc may be 0), load, attach, print, tear down. Returns the process
 * exit code: 0 on a clean stop, 1 on errors, 2 on bad flags.
 */
int rtmin_run__main(struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts, int argc,
		    char **argv);

/*
 * Everything short of loading: prints a short summary to `out` and returns
 * 0, or logs every problem found and returns -EINVAL.
 */
int rtmin_validate(struct rtmin_pkg *pkg, FILE *out);

#endif /* RTMIN_H */
