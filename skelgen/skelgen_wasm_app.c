// SPDX-License-Identifier: MIT
/*
 * Values of templates/wasm/app.c.in: the option table (from .rodata/.bss
 * variables and their doc keys in the meta), the field table of the event
 * struct, and the map whose records are printed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include "skelgen_wasm_int.h"

/* Option kind of a variable's type, NULL when it cannot be set from a flag. */
static const char *opt_kind(const struct btf *btf, __u32 type)
{
	const struct btf_type *t = skelgen_wasm__resolve(btf, type);

	if (!t)
		return NULL;
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
		return "OPT_BOOL";
	if ((btf_is_int(t) || btf_is_any_enum(t)) && t->size <= 8)
		return skelgen_wasm__signed(t) ? "OPT_INT" : "OPT_UINT";
	if (skelgen_wasm__char_array(btf, t))
		return "OPT_STR";
	return NULL;
}

/* The meta's description of variable `name` of section `sec`, or NULL. */
static const cJSON *meta_var(const cJSON *meta, const char *sec, const char *name)
{
	const cJSON *skel = cJSON_GetObjectItemCaseSensitive(meta, "bpf_skel");
	const cJSON *secs = cJSON_GetObjectItemCaseSensitive(skel, "data_sections"), *d, *var;

	cJSON_ArrayForEach(d, secs)
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "name");

		if (!cJSON_IsString(n) || strcmp(n->valuestring, sec))
			continue;
		cJSON_ArrayForEach(var, cJSON_GetObjectItemCaseSensitive(d, "variables"))
		{
			n = cJSON_GetObjectItemCaseSensitive(var, "name");
			if (cJSON_IsString(n) && !strcmp(n->valuestring, name))
				return var;
		}
	}
	return NULL;
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A doc default (cmdarg.default, else value) as option text, or NULL. */
static char *default_text(const cJSON *mv)
{
	const cJSON *cmdarg = cJSON_GetObjectItemCaseSensitive(mv, "cmdarg");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(cmdarg, "default");

	if (!d)
		d = cJSON_GetObjectItemCaseSensitive(mv, "value");
	if (cJSON_IsBool(d))
		return cmn_strdup(cJSON_IsTrue(d) ? "true" : "false");
	if (cJSON_IsString(d))
		return cmn_strdup(d->valuestring);
	if (cJSON_IsNumber(d) && d->valuedouble == (double)(long long)d->valuedouble)
		return cmn_asprintf("%lld", (long long)d->valuedouble);
	if (cJSON_IsNumber(d) && d->valuedouble >= 9.2e18 && d->valuedouble < 1.85e19)
		return cmn_asprintf("%llu", (unsigned long long)d->valuedouble);
	return NULL; /* absent, or a type an option cannot take */
}

static void option_row(struct cmn_buf *b, const char *name, const cJSON *mv, const char *kind,
		       int sec, __u32 off, __u32 size)
{
	const cJSON *cmdarg = cJSON_GetObjectItemCaseSensitive(mv, "cmdarg");
	const char *lng = json_str(cmdarg, "long"), *shrt = json_str(cmdarg, "short");
	const char *help = json_str(cmdarg, "help");
	char *dflt = default_text(mv);

	help = help ? help : json_str(mv, "description");
	cmn_buf__puts(b, "\t{");
	skelgen_wasm__c_str(b, lng && *lng ? lng : name);
	/* only a character that can stand as is in a C character constant */
	if (shrt && isgraph((unsigned char)shrt[0]) && !shrt[1] && shrt[0] != '\'' &&
	    shrt[0] != '\\')
		cmn_buf__printf(b, ", '%c', ", shrt[0]);
	else
		cmn_buf__puts(b, ", 0, ");
	skelgen_wasm__c_str(b, help ? help : "");
	cmn_buf__printf(b, ", %s, %d, %u, %u, ", kind, sec, off, size);
	if (dflt)
		skelgen_wasm__c_str(b, dflt);
	else
		cmn_buf__puts(b, "NULL");
	cmn_buf__puts(b, "},\n");
	free(dflt);
}

static int options_var(struct skelgen_wasm *s, const cJSON *meta, struct skelgen_wasm_vars *v)
{
	struct cmn_buf b = {0};

	for (int i = 0; i < SKELGEN_WASM_N_SECS; i++) {
		const struct skelgen_wasm_sec *d = &s->secs[i];
		__s32 id;
		const struct btf_type *t;
		const struct btf_var_secinfo *vi;

		/* eunomia sets only .rodata and .bss from flags: so do we */
		if (!d->view || !strcmp(d->name, ".data"))
			continue;
		id = btf__find_by_name_kind(s->btf, d->name, BTF_KIND_DATASEC);
		t = btf__type_by_id(s->btf, id);
		vi = btf_var_secinfos(t);
		for (__u16 k = 0; k < btf_vlen(t); k++) {
			const struct btf_type *var = btf__type_by_id(s->btf, vi[k].type);
			const char *name = btf__name_by_offset(s->btf, var->name_off);
			const char *kind = opt_kind(s->btf, var->type);

			if (btf_var(var)->linkage == BTF_VAR_STATIC || !kind)
				continue;
			option_row(&b, name, meta_var(meta, d->name, name), kind, d->index,
				   vi[k].offset, vi[k].size);
		}
	}
	return skelgen_wasm__add_var(v, "OPTIONS", cmn_buf__steal(&b, NULL) ?: cmn_strdup(""));
}

static int fields_var(struct skelgen_wasm *s, struct skelgen_wasm_fields *f,
		      const char *event_struct, struct skelgen_wasm_vars *v, __u32 *size)
{
	struct cmn_buf b = {0};
	__s32 id;

	*size = 0;
	if (!event_struct)
		return skelgen_wasm__add_var(v, "FIELDS", cmn_strdup(""));
	id = btf__find_by_name_kind(s->btf, event_struct, BTF_KIND_STRUCT);
	if (id < 0) {
		pr_warn("%s: export struct '%s' is not defined in the object's BTF\n", s->obj_path,
			event_struct);
		return -ENOENT;
	}
	*size = btf__type_by_id(s->btf, id)->size;
	skelgen_wasm_fields__rows(f, (__u32)id, event_struct, &b);
	return skelgen_wasm__add_var(v, "FIELDS", cmn_buf__steal(&b, NULL) ?: cmn_strdup(""));
}

/* The meta's entry for map `name` (bpf_skel.maps[]), or NULL. */
static const cJSON *meta_map(const cJSON *meta, const char *name)
{
	const cJSON *skel = cJSON_GetObjectItemCaseSensitive(meta, "bpf_skel"), *m;

	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(skel, "maps"))
	{
		const char *n = json_str(m, "name");

		if (n && !strcmp(n, name))
			return m;
	}
	return NULL;
}

static const struct {
	const char *type;
	const char *kind;
} sample_kinds[] = {
    {"log2_hist", "S_LOG2"},
    {"linear_hist", "S_LINEAR"},
    {"default_kv", "S_KV"},
};

/* The u32 `slots` array of a histogram value: offset and count, false if none. */
static bool hist_slots(const struct btf *btf, __u32 value_id, __u32 *off, __u32 *n)
{
	const struct btf_type *t = skelgen_wasm__resolve(btf, value_id), *a, *e;

	for (__u16 i = 0; t && btf_is_struct(t) && i < btf_vlen(t); i++) {
		const struct btf_member *m = &btf_members(t)[i];

		if (strcmp(btf__name_by_offset(btf, m->name_off), "slots"))
			continue;
		a = skelgen_wasm__resolve(btf, m->type);
		e = a && btf_is_array(a) ? skelgen_wasm__resolve(btf, btf_array(a)->type) : NULL;
		if (!e || !btf_is_int(e) || e->size != 4)
			return false;
		*off = btf_member_bit_offset(t, i) / 8;
		*n = btf_array(a)->nelems;
		return true;
	}
	return false;
}

/* One sample row (and its key/value field tables in `tabs`). */
static void sample_row(struct skelgen_wasm *s, struct skelgen_wasm_fields *f,
		       const struct bpf_map *map, const cJSON *smp, int idx, struct cmn_buf *rows,
		       struct cmn_buf *tabs)
{
	const cJSON *iv = cJSON_GetObjectItemCaseSensitive(smp, "interval");
	const cJSON *clear = cJSON_GetObjectItemCaseSensitive(smp, "clear_map");
	const char *type = json_str(smp, "type"), *unit = json_str(smp, "unit"), *kind = "S_KV";
	__u32 kid = bpf_map__btf_key_type_id(map), vid = bpf_map__btf_value_type_id(map);
	__u32 off = 0, n = 0;

	for (size_t i = 0; type && i < sizeof(sample_kinds) / sizeof(sample_kinds[0]); i++)
		if (!strcmp(type, sample_kinds[i].type))
			kind = sample_kinds[i].kind;
	if (strcmp(kind, "S_KV") && !hist_slots(s->btf, vid, &off, &n)) {
		pr_warn("%s: map '%s' is sampled as %s but its value has no u32 'slots' array: "
			"printed as key/value pairs\n",
			s->obj_path, bpf_map__name(map), type);
		kind = "S_KV";
	}
	cmn_buf__printf(tabs, "static const struct app_field sample%d_key[] = {\n", idx);
	skelgen_wasm_fields__rows(f, kid, "key", tabs);
	cmn_buf__printf(tabs, "\t{0},\n};\nstatic const struct app_field sample%d_value[] = {\n",
			idx);
	skelgen_wasm_fields__rows(f, vid, "value", tabs);
	cmn_buf__puts(tabs, "\t{0},\n};\n");
	cmn_buf__puts(rows, "\t{");
	skelgen_wasm__c_str(rows, bpf_map__name(map));
	cmn_buf__printf(rows, ", %s, %u, %s, ", kind,
			cJSON_IsNumber(iv) && iv->valuedouble >= 1 ? (unsigned)iv->valuedouble
								   : 1000,
			cJSON_IsTrue(clear) ? "true" : "false");
	skelgen_wasm__c_str(rows, unit ? unit : "value");
	cmn_buf__printf(rows, ", %u, %u, sample%d_key, sample%d_value, %u, %u},\n",
			bpf_map__key_size(map), bpf_map__value_size(map), idx, idx, off, n);
}

/* Maps with a `sample` doc key in the meta: dumped every interval. */
static int samples_var(struct skelgen_wasm *s, struct skelgen_wasm_fields *f, const cJSON *meta,
		       struct skelgen_wasm_vars *v)
{
	struct cmn_buf rows = {0}, tabs = {0};
	struct bpf_map *map;
	int n = 0, err;

	bpf_object__for_each_map(map, s->obj)
	{
		const cJSON *smp =
		    cJSON_GetObjectItemCaseSensitive(meta_map(meta, bpf_map__name(map)), "sample");

		if (cJSON_IsObject(smp) && !bpf_map__is_internal(map))
			sample_row(s, f, map, smp, n++, &rows, &tabs);
	}
	err = skelgen_wasm__add_var(v, "SAMPLES", cmn_buf__steal(&rows, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "SAMPLE_FIELDS",
					   cmn_buf__steal(&tabs, NULL) ?: cmn_strdup(""));
	cmn_buf__free(&rows);
	cmn_buf__free(&tabs);
	return err;
}

/* The first ring buffer or perf event array: the map whose records are printed. */
static const char *event_map(const struct skelgen_wasm *s)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, s->obj)
	{
		enum bpf_map_type t = bpf_map__type(m);

		if (t == BPF_MAP_TYPE_RINGBUF || t == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			return bpf_map__name(m);
	}
	return "";
}

/* meta.poll_timeout_ms (the runtime tuning key), 100 by default, within 1..10000. */
static int poll_timeout(const cJSON *meta)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(meta, "poll_timeout_ms");

	if (!cJSON_IsNumber(t) || t->valuedouble < 1 || t->valuedouble > 10000)
		return 100;
	return (int)t->valuedouble;
}

int skelgen_wasm__app_vars(struct skelgen_wasm *s, const char *event_struct, const cJSON *meta,
			   const char *skel_header, struct skelgen_wasm_vars *v)
{
	struct skelgen_wasm_fields f = {.btf = s->btf};
	__u32 size = 0;
	int err;

	err = skelgen_wasm__add_var(v, "OBJ", cmn_strdup(s->obj_name));
	err = err ?: skelgen_wasm__add_var(v, "SKEL", cmn_strdup(s->ident));
	err = err ?: skelgen_wasm__add_var(v, "SKEL_HEADER", cmn_strdup(skel_header));
	err = err ?: options_var(s, meta, v);
	err = err ?: fields_var(s, &f, event_struct, v, &size);
	err = err ?: samples_var(s, &f, meta, v);
	err = err
		  ?: skelgen_wasm__add_var(v, "FIELD_AUX",
					   cmn_buf__steal(&f.aux, NULL) ?: cmn_strdup(""));
	err = err ?: skelgen_wasm__add_var(v, "EVENT_MAP", cmn_strdup(event_map(s)));
	err = err ?: skelgen_wasm__add_fmt(v, "EVENT_SIZE", "%u", size);
	err = err ?: skelgen_wasm__add_fmt(v, "POLL_TIMEOUT_MS", "%d", poll_timeout(meta));
	err = err
		  ?: skelgen_wasm__add_fmt(
			 v, "PRINT_HEADER", "%d",
			 !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(meta, "print_header")));
	cmn_buf__free(&f.aux);
	return err;
}
