// SPDX-License-Identifier: MIT
/*
 * Loading with every program that can load. libbpf 1.1 fails the whole
 * object when one program fails, and an object cannot be loaded twice, so
 * on failure each program is tried alone (in a fresh object, with a
 * verifier log buffer) to learn which ones fail and why; those get their
 * autoload turned off in the final object.
 */
#include "rtmin_int.h"
#include "rtmin_btfarchive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define VLOG_SIZE (1u << 20)
#define VLOG_TAIL 1500

bool rtmin_prog__known(const struct bpf_program *prog)
{
	return bpf_program__type(prog) != BPF_PROG_TYPE_UNSPEC;
}

static int set_reason(struct rtmin_prog_status *st, const char *fmt, const char *a, const char *b)
{
	free(st->reason);
	st->reason = cmn_asprintf(fmt, a, b);
	return st->reason ? 0 : -ENOMEM;
}

/* An object with flags applied and only programs i (or all ok ones) loading. */
static struct bpf_object *open_prepared(const struct rtmin_pkg *pkg,
					const struct rtmin_run_opts *opts,
					const struct rtmin_flags *flags,
					const struct rtmin_prog_status *st, long only)
{
	struct bpf_object *obj = rtmin_pkg__open_obj(pkg, opts->btf);
	struct bpf_program *p;
	long i = 0;

	if (!obj)
		return NULL;
	if (rtmin_flags__apply(flags, obj)) {
		bpf_object__close(obj);
		errno = EINVAL;
		return NULL;
	}
	bpf_object__for_each_program(p, obj) {
		bool on = only >= 0 ? i == only : !st[i].reason;

		if (!rtmin_prog__known(p))
			on = false;
		bpf_program__set_autoload(p, on && bpf_program__autoload(p));
		i++;
	}
	return obj;
}

/* The last lines of a verifier log, at most VLOG_TAIL bytes. */
static const char *log_tail(const char *log)
{
	size_t n = strlen(log);
	const char *p = n > VLOG_TAIL ? log + n - VLOG_TAIL : log;
	const char *nl = p != log ? strchr(p, '\n') : NULL;

	return nl ? nl + 1 : p;
}

/* Load program i alone; record why it fails. */
static int diagnose_one(const struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts,
			const struct rtmin_flags *flags, struct rtmin_prog_status *st, long i,
			char *vlog)
{
	struct bpf_object *obj = open_prepared(pkg, opts, flags, st, i);
	struct bpf_program *p;
	char msg[64];
	int err;

	if (!obj)
		return -errno;
	p = bpf_object__find_program_by_name(obj, st[i].name);
	vlog[0] = '\0';
	bpf_program__set_log_buf(p, vlog, VLOG_SIZE);
	bpf_program__set_log_level(p, 1);
	err = bpf_object__load(obj);
	if (err) {
		snprintf(msg, sizeof(msg), "%s", strerror(-err));
		if (vlog[0])
			err = set_reason(&st[i], "cannot load: %s; verifier log tail:\n%s", msg, log_tail(vlog));
		else
			err = set_reason(&st[i], "cannot load: %s%s", msg, "");
	}
	bpf_object__close(obj);
	return err;
}

static int init_status(const struct rtmin_pkg *pkg, struct bpf_object *obj,
		       struct rtmin_loaded *out)
{
	struct bpf_program *p;
	size_t n = 0;
	int err = 0;

	bpf_object__for_each_program(p, obj)
		n++;
	out->st = calloc(n ? n : 1, sizeof(*out->st));
	if (!out->st)
		return -ENOMEM;
	bpf_object__for_each_program(p, obj) {
		struct rtmin_prog_status *s = &out->st[out->nst++];

		s->name = cmn_strdup(bpf_program__name(p));
		if (!s->name)
			err = -ENOMEM;
		else if (!rtmin_prog__known(p))
			err = set_reason(s, "section '%s' is not known to libbpf %s",
					 bpf_program__section_name(p), "1.1");
		else if (!bpf_program__autoload(p))
			err = set_reason(s, "autoload is off in the object%s%s", "", "");
		else if (pkg->tailored &&
			 rtmin_btfarchive__prog_needs_full_btf(bpf_program__section_name(p)))
			err = set_reason(s, "(%s) needs the kernel's full BTF, and this kernel has "
					 "only the archive's tailored BTF%s", bpf_program__section_name(p), "");
	}
	return err;
}

/* The first attempt: the object the flags were parsed on, flags applied. */
static int load_first(const struct rtmin_flags *flags, struct rtmin_loaded *out,
		      struct bpf_object *obj)
{
	struct bpf_program *p;
	size_t i = 0;

	bpf_object__for_each_program(p, obj) {
		if (out->st[i++].reason)
			bpf_program__set_autoload(p, false);
	}
	return bpf_object__load(obj);
}

/* Name every program left out and why (once, where it is found). */
static void report_skipped(const struct rtmin_pkg *pkg, const struct rtmin_loaded *l)
{
	size_t i;

	for (i = 0; i < l->nst; i++)
		if (l->st[i].reason)
			pr_warn("%s: program '%s' %s\n", pkg->path, l->st[i].name, l->st[i].reason);
}

int rtmin_load(const struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts,
	       const struct rtmin_flags *flags, struct bpf_object *obj, struct rtmin_loaded *out)
{
	char *vlog = NULL;
	size_t i;
	int err;

	memset(out, 0, sizeof(*out));
	err = init_status(pkg, obj, out);
	if (!err)
		err = rtmin_flags__apply(flags, obj);
	if (err)
		goto err_free;
	err = load_first(flags, out, obj);
	if (!err) {
		out->obj = obj;
		out->borrowed = true;
		report_skipped(pkg, out);
		return 0;
	}
	/* Something failed: find out which programs, then load the rest. */
	vlog = malloc(VLOG_SIZE);
	if (!vlog) {
		err = -ENOMEM;
		goto err_free;
	}
	for (i = 0; i < out->nst; i++)
		if (!out->st[i].reason && (err = diagnose_one(pkg, opts, flags, out->st, i, vlog)) == -ENOMEM)
			goto err_free;
	out->obj = open_prepared(pkg, opts, flags, out->st, -1);
	if (!out->obj) {
		err = -errno;
		goto err_free;
	}
	err = bpf_object__load(out->obj);
	report_skipped(pkg, out);
	if (err) {
		pr_warn("%s: the object does not load (maps or relocations): %s\n", pkg->path,
			strerror(-err));
		goto err_free;
	}
	free(vlog);
	return 0;
err_free:
	free(vlog);
	rtmin_loaded__free(out);
	return err ? err : -EINVAL;
}

void rtmin_loaded__free(struct rtmin_loaded *l)
{
	size_t i;

	if (!l)
		return;
	if (!l->borrowed)
		bpf_object__close(l->obj);
	for (i = 0; i < l->nst; i++) {
		free(l->st[i].name);
		free(l->st[i].reason);
	}
	free(l->st);
	memset(l, 0, sizeof(*l));
}
