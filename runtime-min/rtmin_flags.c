// SPDX-License-Identifier: MIT
/*
 * Program flags from the object's globals. Each VAR of the .rodata, .bss
 * and .data DATASECs becomes a flag; its type is resolved through BTF (so
 * typedefs, enums, bool, every integer width, floats and char[N] work) and
 * names, help and defaults come from the package meta (spec section 4).
 * Values are checked completely before anything is loaded.
 */
#include "rtmin_int.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum var_kind { V_INT, V_BOOL, V_ENUM, V_FLOAT, V_STR };

struct rtmin_var {
	const char *name;	/* borrowed from BTF */
	const char *sec;	/* DATASEC name, borrowed from BTF */
	char *long_name;
	char short_name;
	const char *help;	/* borrowed from meta */
	const char *type_text;	/* meta's C type text (borrowed), or NULL */
	char type_buf[64];	/* the type's name from BTF: see var_type() */
	char *def_text;		/* default shown in --help */
	const struct btf_type *t;	/* resolved type */
	enum var_kind kind;
	uint32_t offset, size;
	uint8_t *value;		/* bytes to write, or NULL to keep the ELF's */
	bool hidden;
};

struct rtmin_flags {
	const struct rtmin_pkg *pkg;
	const struct btf *btf;
	struct rtmin_var *v;
	size_t cnt, cap;
};

static bool is_data_sec(const char *n)
{
	return strcmp(n, ".rodata") == 0 || strcmp(n, ".bss") == 0 || strcmp(n, ".data") == 0;
}

/* The internal map holding DATASEC `sec` (libbpf names it OBJ.rodata etc.). */
static struct bpf_map *sec_map(struct bpf_object *obj, const char *sec)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj) {
		const char *dot = strchr(bpf_map__name(m), '.');

		if (bpf_map__is_internal(m) && dot && strncmp(sec, dot, strlen(dot)) == 0)
			return m;
	}
	return NULL;
}

static bool classify(struct rtmin_flags *f, struct rtmin_var *v, uint32_t type_id)
{
	const struct btf_type *t = rtmin_btf__skip(f->btf, type_id, NULL);

	if (!t)
		return false;
	v->t = t;
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
		v->kind = V_BOOL;
	else if (btf_is_int(t))
		v->kind = V_INT;
	else if (btf_is_any_enum(t))
		v->kind = V_ENUM;
	else if (btf_kind(t) == BTF_KIND_FLOAT)
		v->kind = V_FLOAT;
	else if (btf_is_array(t) && btf_array(t)->nelems > 0 &&
		 (t = rtmin_btf__skip(f->btf, btf_array(t)->type, NULL)) && btf_is_int(t) &&
		 t->size == 1)
		v->kind = V_STR;
	else
		return false;
	return true;
}

/* meta.bpf_skel.data_sections[name == sec].variables[name == var]. */
static const cJSON *meta_var(const struct rtmin_pkg *pkg, const char *sec, const char *var)
{
	const cJSON *s, *it;

	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(pkg->skel, "data_sections")) {
		const char *n = rtmin_meta__str(s, "name");

		if (!n || strcmp(n, sec))
			continue;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(s, "variables")) {
			const char *vn = rtmin_meta__str(it, "name");

			if (vn && strcmp(vn, var) == 0)
				return it;
		}
	}
	return NULL;
}

/* The meta default (cmdarg.default, else value) as text, or NULL. */
static char *meta_default(const cJSON *mv)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(mv, "cmdarg"), "default");

	if (!d || cJSON_IsNull(d))
		d = cJSON_GetObjectItemCaseSensitive(mv, "value");
	if (cJSON_IsString(d))
		return cmn_strdup(d->valuestring);
	if (cJSON_IsBool(d))
		return cmn_strdup(cJSON_IsTrue(d) ? "true" : "false");
	if (cJSON_IsNumber(d))
		return d->valuedouble == (double)(long long)d->valuedouble
			       ? cmn_asprintf("%lld", (long long)d->valuedouble)
			       : cmn_asprintf("%.17g", d->valuedouble);
	return NULL;
}

static int parse_value(const struct rtmin_flags *f, const struct rtmin_var *v, const char *text,
		       uint8_t *out, char *why, size_t why_len);

static void apply_meta(struct rtmin_flags *f, struct rtmin_var *v, const cJSON *mv)
{
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(mv, "cmdarg");
	const char *s;

	v->long_name = cmn_strdup(rtmin_meta__str(cmd, "long") ? rtmin_meta__str(cmd, "long") : v->name);
	s = rtmin_meta__str(cmd, "short");
	v->short_name = s && s[0] && !s[1] ? s[0] : 0;
	v->help = rtmin_meta__str(cmd, "help") ? rtmin_meta__str(cmd, "help")
					       : rtmin_meta__str(mv, "description");
	v->type_text = rtmin_meta__str(mv, "type");
	v->def_text = meta_default(mv);
	if (v->def_text && !v->hidden) {
		char why[128];

		v->value = calloc(1, v->size);
		/* A default the program cannot hold is the package's fault: keep the ELF's. */

		if (v->value && parse_value(f, v, v->def_text, v->value, why, sizeof(why))) {
			free(v->value);
			v->value = NULL;
			free(v->def_text);
			v->def_text = NULL;
		}
	}
}

/* C-like text of a type for --help: typedef names kept, const/volatile dropped. */
static void btf_type_text(const struct btf *btf, uint32_t id, char *buf, size_t len)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int n = 0;

	while (t && n++ < 32 && (btf_is_mod(t) || btf_kind(t) == BTF_KIND_TYPE_TAG))
		t = btf__type_by_id(btf, t->type);
	if (t && btf_is_array(t)) {
		const struct btf_type *e = rtmin_btf__skip(btf, btf_array(t)->type, NULL);

		snprintf(buf, len, "%s[%u]", e ? btf__name_by_offset(btf, e->name_off) : "?",
			 btf_array(t)->nelems);
	} else if (t && btf_is_any_enum(t)) {
		snprintf(buf, len, "enum %s", btf__name_by_offset(btf, t->name_off));
	} else {
		snprintf(buf, len, "%s", t ? btf__name_by_offset(btf, t->name_off) : "?");
	}
}

static int add_var(struct rtmin_flags *f, const char *sec, const struct btf_var_secinfo *vs,
		   const uint8_t *init, size_t init_len)
{
	const struct btf_type *vt = btf__type_by_id(f->btf, vs->type);
	struct rtmin_var *v;
	struct cmn_buf b = { 0 };

	if (!vt || !btf_is_var(vt) || btf_var(vt)->linkage == BTF_VAR_STATIC)
		return 0;
	if (cmn_array_grow((void **)&f->v, &f->cap, f->cnt + 1, sizeof(*f->v)))
		return -ENOMEM;
	v = &f->v[f->cnt];
	memset(v, 0, sizeof(*v));
	v->name = btf__name_by_offset(f->btf, vt->name_off);
	v->sec = sec;
	v->offset = vs->offset;
	v->size = vs->size;
	v->hidden = strncmp(v->name, "__eunomia_dummy", 15) == 0 || !classify(f, v, vt->type);
	f->cnt++;
	apply_meta(f, v, meta_var(f->pkg, sec, v->name));
	if (!v->long_name)
		return -ENOMEM;
	if (!v->type_text)
		btf_type_text(f->btf, vt->type, v->type_buf, sizeof(v->type_buf));
	if (!v->def_text && init && (uint64_t)vs->offset + vs->size <= init_len && !v->hidden &&
	    !rtmin_fmt__value(&b, f->btf, vt->type, init + vs->offset, vs->size, RTMIN_FMT_PLAIN))
		v->def_text = cmn_buf__steal(&b, NULL);
	cmn_buf__free(&b);
	return 0;
}

struct rtmin_flags *rtmin_flags__new(const struct rtmin_pkg *pkg, struct bpf_object *obj)
{
	struct rtmin_flags *f = calloc(1, sizeof(*f));
	uint32_t id, n;
	int err = -ENOMEM;

	if (!f)
		goto err_out;
	f->pkg = pkg;
	f->btf = bpf_object__btf(obj);
	n = f->btf ? btf__type_cnt(f->btf) : 0;
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(f->btf, id);
		const char *sec = btf__name_by_offset(f->btf, t->name_off);
		const struct btf_var_secinfo *vs;
		struct bpf_map *m;
		const uint8_t *init = NULL;
		size_t init_len = 0;
		unsigned i;

		if (!btf_is_datasec(t) || !sec || !is_data_sec(sec))
			continue;
		m = sec_map(obj, sec);
		if (m)
			init = bpf_map__initial_value(m, &init_len);
		for (i = 0, vs = btf_var_secinfos(t); i < btf_vlen(t); i++, vs++)
			if ((err = add_var(f, sec, vs, init, init_len)))
				goto err_out;
	}
	return f;
err_out:
	rtmin_flags__free(f);
	errno = -err;
	return NULL;
}

void rtmin_flags__free(struct rtmin_flags *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->cnt; i++) {
		free(f->v[i].long_name);
		free(f->v[i].def_text);
		free(f->v[i].value);
	}
	free(f->v);
	free(f);
}

size_t rtmin_flags__count(const struct rtmin_flags *f)
{
	size_t i, n = 0;

	for (i = 0; f && i < f->cnt; i++)
		n += !f->v[i].hidden;
	return n;
}

/* The type text for messages (not kept as a pointer: f->v is reallocated). */
static const char *var_type(const struct rtmin_var *v)
{
	return v->type_text ? v->type_text : v->type_buf;
}

/* ---- values ------------------------------------------------------------ */

static int parse_int(const struct rtmin_var *v, const char *text, uint8_t *out, char *why,
		     size_t why_len)
{
	bool is_signed = btf_is_int(v->t) ? (btf_int_encoding(v->t) & BTF_INT_SIGNED)
					  : btf_kflag(v->t);
	unsigned size = v->t->size, bits = size >= 8 ? 64 : size * 8;
	char *end;
	int64_t sv;
	uint64_t uv;

	if (size != 1 && size != 2 && size != 4 && size != 8 && size != 16)
		return snprintf(why, why_len, "a %u-byte integer cannot be set", size), -EINVAL;
	errno = 0;
	if (is_signed) {
		int64_t lo = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
		int64_t hi = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;

		sv = strtoll(text, &end, 0);
		if (end == text || *end)
			return snprintf(why, why_len, "'%s' is not a number", text), -EINVAL;
		if (errno == ERANGE || sv < lo || sv > hi)
			return snprintf(why, why_len, "%s is out of range %" PRId64 "..%" PRId64,
					text, lo, hi), -ERANGE;
		uv = (uint64_t)sv;
	} else {
		uint64_t hi = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;

		while (*text == ' ')
			text++;
		uv = strtoull(text, &end, 0);
		if (end == text || *end || *text == '-')
			return snprintf(why, why_len, "'%s' is not a non-negative number", text), -EINVAL;
		if (errno == ERANGE || uv > hi)
			return snprintf(why, why_len, "%s is out of range 0..%" PRIu64, text, hi), -ERANGE;
	}
	memset(out, is_signed && (int64_t)uv < 0 ? 0xff : 0, size);
	memcpy(out, &uv, size < 8 ? size : 8);	/* little endian host */
	return 0;
}

static int parse_enum(const struct rtmin_flags *f, const struct rtmin_var *v, const char *text,
		      uint8_t *out, char *why, size_t why_len)
{
	const struct btf_type *t = v->t;
	int64_t val;
	unsigned i;

	for (i = 0; i < btf_vlen(t); i++) {
		const char *n = btf__name_by_offset(f->btf, btf_is_enum(t) ? btf_enum(t)[i].name_off
									 : btf_enum64(t)[i].name_off);

		if (n && strcmp(n, text) == 0) {
			val = btf_is_enum(t) ? (btf_kflag(t) ? (int64_t)btf_enum(t)[i].val
							     : (int64_t)(uint32_t)btf_enum(t)[i].val)
					     : (int64_t)btf_enum64_value(btf_enum64(t) + i);
			memcpy(out, &val, t->size <= 8 ? t->size : 8);
			return 0;
		}
	}
	if (parse_int(v, text, out, why, why_len)) {
		struct cmn_buf names = { 0 };

		for (i = 0; i < btf_vlen(t) && i < 16; i++)
			cmn_buf__printf(&names, "%s%s", i ? ", " : "",
					btf__name_by_offset(f->btf, btf_is_enum(t) ? btf_enum(t)[i].name_off
										     : btf_enum64(t)[i].name_off));
		snprintf(why, why_len, "'%s' is not one of %s or a number", text,
			 names.ptr ? names.ptr : "(none)");
		cmn_buf__free(&names);
		return -EINVAL;
	}
	return 0;
}

static int parse_bool(const char *text, uint8_t *out, char *why, size_t why_len)
{
	static const char *const yes[] = { "true", "1", "yes", "on" }, *const no[] = { "false", "0", "no", "off" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(text, yes[i]) == 0 || strcasecmp(text, no[i]) == 0) {
			out[0] = strcasecmp(text, yes[i]) == 0;
			return 0;
		}
	}
	snprintf(why, why_len, "'%s' is not true or false", text);
	return -EINVAL;
}

static int parse_value(const struct rtmin_flags *f, const struct rtmin_var *v, const char *text,
		       uint8_t *out, char *why, size_t why_len)
{
	char *end;
	double d;
	size_t n;

	memset(out, 0, v->size);
	switch (v->kind) {
	case V_INT: return parse_int(v, text, out, why, why_len);
	case V_ENUM: return parse_enum(f, v, text, out, why, why_len);
	case V_BOOL: return parse_bool(text, out, why, why_len);
	case V_FLOAT:
		d = strtod(text, &end);
		if (end == text || *end)
			return snprintf(why, why_len, "'%s' is not a number", text), -EINVAL;
		if (v->t->size == 4) {
			float fl = (float)d;

			memcpy(out, &fl, 4);
		} else if (v->t->size == 8) {
			memcpy(out, &d, 8);
		} else {
			return snprintf(why, why_len, "a %u-byte float cannot be set", v->t->size), -EINVAL;
		}
		return 0;
	case V_STR:
		n = strlen(text);
		if (n >= v->size)
			return snprintf(why, why_len, "'%s' is %zu characters, the limit is %u",
					text, n, v->size - 1), -E2BIG;
		memcpy(out, text, n);
		return 0;
	}
	return -EINVAL;
}

/* ---- the command line -------------------------------------------------- */

static struct rtmin_var *find_long(struct rtmin_flags *f, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < f->cnt; i++)
		if (!f->v[i].hidden && strlen(f->v[i].long_name) == len &&
		    strncmp(f->v[i].long_name, name, len) == 0)
			return &f->v[i];
	return NULL;
}

static struct rtmin_var *find_short(struct rtmin_flags *f, char c)
{
	size_t i;

	for (i = 0; i < f->cnt; i++)
		if (!f->v[i].hidden && f->v[i].short_name == c)
			return &f->v[i];
	return NULL;
}

static int set_var(struct rtmin_flags *f, struct rtmin_var *v, const char *text, bool is_short)
{
	char why[256], flag[80];
	int err;

	if (is_short)
		snprintf(flag, sizeof(flag), "-%c", v->short_name);
	else
		snprintf(flag, sizeof(flag), "--%s", v->long_name);
	if (!v->value && !(v->value = calloc(1, v->size)))
		return -ENOMEM;
	err = parse_value(f, v, text, v->value, why, sizeof(why));
	if (err)
		pr_warn("%s: %s (type %s)\n", flag, why, var_type(v));
	return err ? -EINVAL : 0;
}

/* --NAME[=V], --enable-NAME, --disable-NAME; *used: how many argv consumed. */
static int parse_long(struct rtmin_flags *f, char **argv, int left, int *used)
{
	const char *arg = argv[0] + 2, *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	struct rtmin_var *v = find_long(f, arg, len);
	bool neg = false;

	if (!v && len > 7 && strncmp(arg, "enable-", 7) == 0)
		v = find_long(f, arg + 7, len - 7);
	if (!v && len > 8 && strncmp(arg, "disable-", 8) == 0 && (v = find_long(f, arg + 8, len - 8)))
		neg = true;
	if (!v) {
		pr_warn("unknown flag '--%.*s' (see --help)\n", (int)len, arg);
		return -EINVAL;
	}
	*used = 1;
	if (v->kind == V_BOOL && (!eq || neg))
		return set_var(f, v, neg ? "false" : "true", false);
	if (eq)
		return set_var(f, v, eq + 1, false);
	if (left < 2) {
		pr_warn("--%s needs a value (%s)\n", v->long_name, var_type(v));
		return -EINVAL;
	}
	*used = 2;
	return set_var(f, v, argv[1], false);
}

static int parse_short(struct rtmin_flags *f, char **argv, int left, int *used)
{
	struct rtmin_var *v = find_short(f, argv[0][1]);

	if (!v) {
		pr_warn("unknown flag '%s' (see --help)\n", argv[0]);
		return -EINVAL;
	}
	*used = 1;
	if (argv[0][2])
		return set_var(f, v, argv[0] + 2, true);
	if (v->kind == V_BOOL)
		return set_var(f, v, "true", true);
	if (left < 2) {
		pr_warn("%s needs a value (%s)\n", argv[0], var_type(v));
		return -EINVAL;
	}
	*used = 2;
	return set_var(f, v, argv[1], true);
}

int rtmin_flags__parse(struct rtmin_flags *f, int argc, char **argv)
{
	int i = 0, used, err;

	if (argc > 0 && strcmp(argv[0], "--") == 0)
		i++;
	while (i < argc) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			rtmin_flags__help(f, stdout);
			return 1;
		}
		if (strncmp(argv[i], "--", 2) == 0 && argv[i][2])
			err = parse_long(f, argv + i, argc - i, &used);
		else if (argv[i][0] == '-' && argv[i][1])
			err = parse_short(f, argv + i, argc - i, &used);
		else {
			pr_warn("unexpected argument '%s' (program flags start with -)\n", argv[i]);
			err = -EINVAL;
		}
		if (err)
			return err;
		i += used;
	}
	return 0;
}

void rtmin_flags__help(const struct rtmin_flags *f, FILE *out)
{
	const cJSON *doc = cJSON_GetObjectItemCaseSensitive(f->pkg->skel, "doc");
	const char *brief = rtmin_meta__str(doc, "brief"), *desc = rtmin_meta__str(doc, "description");
	const char *details = rtmin_meta__str(doc, "details"), *ver = rtmin_meta__str(doc, "version");
	size_t i;

	fprintf(out, "Usage: %s [OPTIONS]\n", f->pkg->obj_name);
	if (brief || desc)
		fprintf(out, "%s\n", brief ? brief : desc);
	if (details)
		fprintf(out, "\n%s\n", details);
	fprintf(out, "\nOptions:\n");
	for (i = 0; i < f->cnt; i++) {
		const struct rtmin_var *v = &f->v[i];
		char head[128];

		if (v->hidden)
			continue;
		if (v->kind == V_BOOL)
			snprintf(head, sizeof(head), "%c%c%s--%s", v->short_name ? '-' : ' ',
				 v->short_name ? v->short_name : ' ', v->short_name ? ", " : "  ",
				 v->long_name);
		else
			snprintf(head, sizeof(head), "%c%c%s--%s <%s>", v->short_name ? '-' : ' ',
				 v->short_name ? v->short_name : ' ', v->short_name ? ", " : "  ",
				 v->long_name, *var_type(v) ? var_type(v) : "value");
		/* a long option name gets its description on the next line */
		if (strlen(head) > 30)
			fprintf(out, "  %s\n  %-30s %s", head, "", v->help ? v->help : "");
		else
			fprintf(out, "  %-30s %s", head, v->help ? v->help : "");
		if (v->kind == V_BOOL)
			fprintf(out, "%s(default %s; --disable-%s turns it off)\n", v->help ? " " : "",
				v->def_text ? v->def_text : "false", v->long_name);
		else
			fprintf(out, "%s(default: %s)\n", v->help ? " " : "",
				v->def_text && *v->def_text ? v->def_text : "\"\"");
	}
	fprintf(out, "  %-30s %s\n", "-h, --help", "print this help and exit");
	if (ver)
		fprintf(out, "\nVersion: %s\n", ver);
}

int rtmin_flags__apply(const struct rtmin_flags *f, struct bpf_object *obj)
{
	size_t i, len;

	for (i = 0; i < f->cnt; i++) {
		const struct rtmin_var *v = &f->v[i];
		struct bpf_map *m;
		uint8_t *data;

		if (!v->value)
			continue;
		m = sec_map(obj, v->sec);
		/* libbpf 1.1 returns the writable mmaped image as const */
		data = m ? (uint8_t *)bpf_map__initial_value(m, &len) : NULL;
		if (!data || (uint64_t)v->offset + v->size > len) {
			pr_warn("--%s: section %s of the object cannot be written\n", v->long_name, v->sec);
			return -EINVAL;
		}
		memcpy(data + v->offset, v->value, v->size);
	}
	return 0;
}
