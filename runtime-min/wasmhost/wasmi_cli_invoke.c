/* SPDX-License-Identifier: MIT */
/*
 * `ecli run --invoke FUNC module.wasm [ARGS]`: call one export without WASI
 * (tests and benchmarks) and print its results, one per line.
 *
 * wasmi.h exposes the signatures of imports but not of exports, so the
 * export's type is read here from the (already validated) binary: a small
 * walk over the type, import, function and export sections.
 */
#include "wasmi_cli_int.h"

#include "common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INVOKE_MAX_VALUES 64

struct rd {
	const uint8_t *p;
	const uint8_t *end;
};

static int rd_u8(struct rd *r, uint8_t *v)
{
	if (r->p >= r->end)
		return -EINVAL;
	*v = *r->p++;
	return 0;
}

static int rd_u32(struct rd *r, uint32_t *v)
{
	uint32_t res = 0;
	unsigned shift;
	uint8_t b;

	for (shift = 0; shift < 35; shift += 7) {
		if (rd_u8(r, &b))
			return -EINVAL;
		res |= (uint32_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = res;
			return 0;
		}
	}
	return -EINVAL;
}

static int rd_skip(struct rd *r, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return -EINVAL;
	r->p += n;
	return 0;
}

static int rd_limits(struct rd *r)
{
	uint8_t flags;
	uint32_t v;

	if (rd_u8(r, &flags) || rd_u32(r, &v))
		return -EINVAL;
	return (flags & 1) ? rd_u32(r, &v) : 0;
}

struct sig_walk {
	const uint8_t **types; /* each points at a functype's param vector */
	size_t ntypes, types_cap;
	uint32_t *funcs; /* type index per function */
	size_t nfuncs, funcs_cap;
	int64_t found; /* function index of the export, -1 if none */
};

static int add_func(struct sig_walk *w, uint32_t type)
{
	if (cmn_array_grow((void **)&w->funcs, &w->funcs_cap, w->nfuncs + 1, sizeof(*w->funcs)))
		return -ENOMEM;
	w->funcs[w->nfuncs++] = type;
	return 0;
}

static int sec_types(struct rd *r, struct sig_walk *w)
{
	uint32_t n, i, cnt;
	uint8_t form;

	if (rd_u32(r, &n))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (rd_u8(r, &form) || form != 0x60)
			return -EINVAL;
		if (cmn_array_grow((void **)&w->types, &w->types_cap, w->ntypes + 1,
				   sizeof(*w->types)))
			return -ENOMEM;
		w->types[w->ntypes++] = r->p;
		if (rd_u32(r, &cnt) || rd_skip(r, cnt) || rd_u32(r, &cnt) || rd_skip(r, cnt))
			return -EINVAL;
	}
	return 0;
}

static int sec_imports(struct rd *r, struct sig_walk *w)
{
	uint32_t n, i, len, idx;
	uint8_t kind, b;
	int err = 0;

	if (rd_u32(r, &n))
		return -EINVAL;
	for (i = 0; i < n && !err; i++) {
		if (rd_u32(r, &len) || rd_skip(r, len) || rd_u32(r, &len) || rd_skip(r, len) ||
		    rd_u8(r, &kind))
			return -EINVAL;
		if (kind == 0)
			err = rd_u32(r, &idx) ?: add_func(w, idx);
		else if (kind == 1)
			err = rd_u8(r, &b) ?: rd_limits(r);
		else if (kind == 2)
			err = rd_limits(r);
		else if (kind == 3)
			err = rd_skip(r, 2);
		else
			err = -EINVAL;
	}
	return err;
}

static int sec_funcs(struct rd *r, struct sig_walk *w)
{
	uint32_t n, i, idx;

	if (rd_u32(r, &n))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (rd_u32(r, &idx) || add_func(w, idx))
			return -EINVAL;
	return 0;
}

static int sec_exports(struct rd *r, struct sig_walk *w, const char *name)
{
	uint32_t n, i, len, idx;
	const uint8_t *s;
	uint8_t kind;

	if (rd_u32(r, &n))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (rd_u32(r, &len))
			return -EINVAL;
		s = r->p;
		if (rd_skip(r, len) || rd_u8(r, &kind) || rd_u32(r, &idx))
			return -EINVAL;
		if (kind == 0 && len == strlen(name) && memcmp(s, name, len) == 0)
			w->found = idx;
	}
	return 0;
}

static char valtype_letter(uint8_t t)
{
	switch (t) {
	case 0x7f:
		return 'i';
	case 0x7e:
		return 'I';
	case 0x7d:
		return 'f';
	case 0x7c:
		return 'F';
	case 0x70:
		return 'r';
	case 0x6f:
		return 'e';
	default:
		return '?';
	}
}

static int render_sig(const uint8_t *t, const uint8_t *end, char *sig, size_t sig_len)
{
	struct rd r = {t, end};
	uint32_t cnt, i;
	size_t o = 0;
	int part;
	uint8_t b;

	/* each letter is written only with room left for the final NUL */
	if (sig_len == 0)
		return -EINVAL;
	for (part = 0; part < 2; part++) {
		if (rd_u32(&r, &cnt))
			return -EINVAL;
		for (i = 0; i < cnt; i++) {
			if (rd_u8(&r, &b) || o + 1 >= sig_len)
				return -EINVAL;
			sig[o++] = valtype_letter(b);
		}
		if (part == 0) {
			if (o + 1 >= sig_len)
				return -EINVAL;
			sig[o++] = ':';
		}
	}
	sig[o] = '\0';
	return 0;
}

int wasmi_cli__export_sig(const uint8_t *bytes, size_t len, const char *name, char *sig,
			  size_t sig_len)
{
	struct sig_walk w = {.found = -1};
	struct rd r = {bytes, bytes + len}, s;
	uint32_t size;
	uint8_t id;
	int err = 0;

	if (rd_skip(&r, 8))
		return -EINVAL;
	while (!err && r.p < r.end) {
		if (rd_u8(&r, &id) || rd_u32(&r, &size) || (size_t)(r.end - r.p) < size) {
			err = -EINVAL;
			break;
		}
		s.p = r.p;
		s.end = r.p + size;
		r.p += size;
		if (id == 1)
			err = sec_types(&s, &w);
		else if (id == 2)
			err = sec_imports(&s, &w);
		else if (id == 3)
			err = sec_funcs(&s, &w);
		else if (id == 7)
			err = sec_exports(&s, &w, name);
	}
	if (!err && (w.found < 0 || (uint64_t)w.found >= w.nfuncs))
		err = -ENOENT;
	if (!err && w.funcs[w.found] >= w.ntypes)
		err = -EINVAL;
	if (!err)
		err = render_sig(w.types[w.funcs[w.found]], bytes + len, sig, sig_len);
	free(w.types);
	free(w.funcs);
	return err;
}

/* Decimal, or hexadecimal with 0x: a leading 0 is not octal here. */
static int int_base(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	return (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10;
}

static int parse_arg(char type, const char *s, union wasmi_value *v)
{
	int base = int_base(s);
	char *end;

	errno = 0;
	switch (type) {
	case 'i': {
		long long x = strtoll(s, &end, base);

		if (x < INT32_MIN || x > UINT32_MAX)
			errno = ERANGE;
		v->i32 = (uint32_t)x;
		break;
	}
	case 'I':
		if (s[0] == '-')
			v->i64 = (uint64_t)strtoll(s, &end, base);
		else
			v->i64 = strtoull(s, &end, base);
		break;
	case 'f':
		v->f32 = strtof(s, &end);
		break;
	case 'F':
		v->f64 = strtod(s, &end);
		break;
	default:
		return -ENOTSUP;
	}
	return (!*s || *end || errno) ? -EINVAL : 0;
}

static void print_result(char type, const union wasmi_value *v)
{
	switch (type) {
	case 'i':
		printf("%" PRId32 "\n", (int32_t)v->i32);
		break;
	case 'I':
		printf("%" PRId64 "\n", (int64_t)v->i64);
		break;
	case 'f':
		printf("%.9g\n", v->f32);
		break;
	case 'F':
		printf("%.17g\n", v->f64);
		break;
	default:
		printf("ref:%" PRIu64 "\n", v->ref);
		break;
	}
}

int wasmi_cli__invoke(const struct wasmi_module *m, const struct wasmi_config *cfg,
		      const uint8_t *bytes, size_t len, const char *path, const char *func,
		      int nargs, char **args, volatile int *signal)
{
	union wasmi_value vals[INVOKE_MAX_VALUES], res[INVOKE_MAX_VALUES];
	struct wasmi_error werr = {{0}};
	struct wasmi_instance *in;
	char sig[2 * INVOKE_MAX_VALUES + 2];
	const char *results;
	enum wasmi_status st;
	size_t np, nr, i;
	int err, code = 1;

	err = wasmi_cli__export_sig(bytes, len, func, sig, sizeof(sig));
	if (err) {
		pr_warn("%s: --invoke %s: %s\n", path, func,
			err == -ENOENT ? "no exported function of that name"
				       : "cannot read the function's type");
		return 1;
	}
	results = strchr(sig, ':') + 1;
	np = (size_t)(results - sig - 1);
	nr = strlen(results);
	/* multi-value allows more than the arrays above hold */
	if (np > INVOKE_MAX_VALUES || nr > INVOKE_MAX_VALUES) {
		pr_warn("--invoke %s: %zu parameters and %zu results: at most %d each\n", func, np,
			nr, INVOKE_MAX_VALUES);
		return 1;
	}
	if ((size_t)nargs != np) {
		pr_warn("--invoke %s: takes %zu argument(s) (%.*s), %d given\n", func, np, (int)np,
			sig, nargs);
		return 1;
	}
	for (i = 0; i < np; i++) {
		if (parse_arg(sig[i], args[i], &vals[i])) {
			pr_warn("--invoke %s: argument %zu '%s' is not a valid %c value\n", func,
				i + 1, args[i], sig[i]);
			return 1;
		}
	}
	in = wasmi_instance__new(m, cfg, NULL, 0, &werr);
	if (!in) {
		pr_warn("%s: %s\n", path, werr.msg);
		return 1;
	}
	st = wasmi_instance__call(in, func, vals, np, res, nr);
	if (st == WASMI_OK) {
		for (i = 0; i < nr; i++)
			print_result(results[i], &res[i]);
		code = 0;
	} else if (st == WASMI_EXIT) {
		code = wasmi_instance__exit_code(in) & 0xff;
	} else if (*signal) {
		code = 128 + *signal;
	} else {
		fprintf(stderr, "ecli: trap: %s\n", wasmi_instance__trap_message(in));
		code = 255;
	}
	fflush(stdout);
	wasmi_instance__free(in);
	return code;
}
