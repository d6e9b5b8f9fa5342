/* SPDX-License-Identifier: MIT */
/*
 * Internal to rtmin: the structures shared by its .c files. Not installed,
 * not used outside runtime-min/ and its tests.
 */
#ifndef RTMIN_INT_H
#define RTMIN_INT_H

#include "rtmin.h"
#include "common.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <cJSON.h>
#include <signal.h>
#include <stdint.h>

struct rtmin_pkg {
	char *path;		/* as given ("-" for stdin) */
	cJSON *root;
	const cJSON *meta;	/* borrowed from root */
	const cJSON *skel;	/* meta.bpf_skel */
	void *elf;
	size_t elf_len;
	char *obj_name;
	char *btf_path;		/* custom BTF from a tar archive, or NULL */
	bool tailored;		/* btf_path is tailored BTF (CO-RE relocations only) */
	char *tmpdir;		/* extracted archive files, removed on close */
};

/* ---- meta helpers (rtmin_pkg.c) ---------------------------------------- */

/* meta[key] as an int (def when absent or not a number). */
long rtmin_meta__int(const cJSON *obj, const char *key, long def);
bool rtmin_meta__bool(const cJSON *obj, const char *key, bool def);
/* obj[key] as a string or NULL (borrowed). */
const char *rtmin_meta__str(const cJSON *obj, const char *key);
/* The meta entry of bpf_skel.maps / .progs whose "name" is `name`. */
const cJSON *rtmin_meta__find(const struct rtmin_pkg *pkg, const char *list, const char *name);

/* Open the package's object with libbpf (obj_name, custom BTF). NULL + errno. */
struct bpf_object *rtmin_pkg__open_obj(const struct rtmin_pkg *pkg, const char *btf_path);

/* ---- BTF value formatting (rtmin_fmt.c) -------------------------------- */

enum rtmin_fmt_mode {
	RTMIN_FMT_JSON,
	RTMIN_FMT_PLAIN,	/* strings unquoted at top level, nested as JSON */
};

/* Skip typedefs and modifiers (bounded); *res gets the final id. */
const struct btf_type *rtmin_btf__skip(const struct btf *btf, uint32_t id, uint32_t *res);

/*
 * Append the value of type `id` at `data` (at most `len` bytes readable) to
 * b. Returns 0 or -EINVAL when the type does not fit in len or is unknown.
 */
int rtmin_fmt__value(struct cmn_buf *b, const struct btf *btf, uint32_t id, const void *data,
		     size_t len, enum rtmin_fmt_mode mode);

/* Append s (n bytes, stops at NUL) as a JSON string literal. */
void rtmin_fmt__json_str(struct cmn_buf *b, const char *s, size_t n);

/* ---- flags from globals (rtmin_flags.c) -------------------------------- */

struct rtmin_flags;

/* Build the flag table from the object's DATASECs and the package meta. */
struct rtmin_flags *rtmin_flags__new(const struct rtmin_pkg *pkg, struct bpf_object *obj);
void rtmin_flags__free(struct rtmin_flags *f);
/*
 * Parse the program's flags. Returns 0, 1 when --help was printed, or
 * -EINVAL with the flag named in the message.
 */
int rtmin_flags__parse(struct rtmin_flags *f, int argc, char **argv);
/* Print the program's help (usage, summary, every flag with default). */
void rtmin_flags__help(const struct rtmin_flags *f, FILE *out);
/* Write defaults and parsed values into the object's sections (pre-load). */
int rtmin_flags__apply(const struct rtmin_flags *f, struct bpf_object *obj);
/* Number of visible flags (for validate's summary). */
size_t rtmin_flags__count(const struct rtmin_flags *f);

/* ---- load (rtmin_load.c) ------------------------------------------------ */

struct rtmin_prog_status {
	char *name;
	char *reason;	/* why it is not running, or NULL */
};

struct rtmin_loaded {
	struct bpf_object *obj;
	bool borrowed;		/* obj is the caller's (the first attempt worked) */
	struct rtmin_prog_status *st;
	size_t nst;
};

/*
 * Apply flags to `obj` (opened, not loaded) and load it; when that fails,
 * find which programs cannot load (each alone in a fresh object, with the
 * verifier log) and load a fresh object without them. Programs left out are
 * reported by name. out->obj is `obj` itself (borrowed: the caller still
 * closes it) or a fresh object freed by rtmin_loaded__free.
 */
int rtmin_load(const struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts,
	       const struct rtmin_flags *flags, struct bpf_object *obj,
	       struct rtmin_loaded *out);
void rtmin_loaded__free(struct rtmin_loaded *l);
/* True when libbpf 1.1 knows the program's section (a program type is set). */
bool rtmin_prog__known(const struct bpf_program *prog);

/* ---- attach (rtmin_attach.c) ------------------------------------------- */

struct rtmin_attach;

struct rtmin_attach *rtmin_attach__new(const struct rtmin_pkg *pkg,
				       const struct rtmin_run_opts *opts, FILE *out);
/* Attach every loaded program; failures are reported per program. */
int rtmin_attach__all(struct rtmin_attach *a, struct rtmin_loaded *l);
/* Number of programs attached (iterators that ran included). */
size_t rtmin_attach__count(const struct rtmin_attach *a);
/* Attachments still in place (iterators run once and leave none). */
size_t rtmin_attach__persistent(const struct rtmin_attach *a);
/* Detach everything in reverse order and remove only what we created. */
void rtmin_attach__free(struct rtmin_attach *a);

/* ---- export printing (rtmin_export.c, rtmin_sample.c) ------------------ */

struct rtmin_export;

struct rtmin_export *rtmin_export__new(const struct rtmin_pkg *pkg, struct bpf_object *obj,
				       const struct rtmin_run_opts *opts, FILE *out);
/* True when there is anything to poll (export maps or sample maps). */
bool rtmin_export__active(const struct rtmin_export *e);
/* Poll for up to timeout_ms; prints what arrived. 0 or negative errno. */
int rtmin_export__poll(struct rtmin_export *e, int timeout_ms);
/* Flush output and print counters (bad records, lost samples). */
void rtmin_export__free(struct rtmin_export *e);

struct rtmin_sample;

struct rtmin_sample *rtmin_sample__new(const struct rtmin_pkg *pkg, struct bpf_object *obj,
				       const struct rtmin_run_opts *opts, FILE *out);
size_t rtmin_sample__count(const struct rtmin_sample *s);
/* Print every sample map whose interval has elapsed at now_ms. */
void rtmin_sample__tick(struct rtmin_sample *s, uint64_t now_ms);
void rtmin_sample__free(struct rtmin_sample *s);

/* Monotonic milliseconds. */
uint64_t rtmin_now_ms(void);

#endif /* RTMIN_INT_H */
