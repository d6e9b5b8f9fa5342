// SPDX-License-Identifier: MIT
/*
 * Values of templates/wasm/app.c.in: the option table (from .rodata/.bss
 * variables and their doc keys in the meta), the field table of the event
 * struct, and the map whose records are printed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include "skelgen_wasm_int.h"

static const struct btf_type *resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t)))
		t = btf__type_by_id(btf, t->type);
	return t;
}

static bool is_char_array(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_type *e;

	if (!btf_is_array(t))
		return false;
	e = resolve(btf, btf_array(t)->type);
	return e && btf_is_int(e) && e->size == 1 && !(btf_int_encoding(e) & BTF_INT_BOOL);
}

static bool int_signed(const struct btf_type *t)
{
	if (btf_is_int(t))
		return btf_int_encoding(t) & BTF_INT_SIGNED;
	if (btf_is_enum(t)) {
		for (__u16 i = 0; i < btf_vlen(t); i++)
			if (btf_enum(t)[i].val < 0)
				return true;
	}
	return btf_kflag(t);
}

/* Option kind of a variable's type, NULL when it cannot be set from a flag. */
static const char *opt_kind(const struct btf *btf, __u32 type)
{
	const struct btf_type *t = resolve(btf, type);

	if (!t)
		return NULL;
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
		return "OPT_BOOL";
	if ((btf_is_int(t) || btf_is_any_enum(t)) && t->size <= 8)
		return int_signed(t) ? "OPT_INT" : "OPT_UINT";
	if (is_char_array(btf, t))
		return "OPT_STR";
	return NULL;
}

static const char *field_kind(const struct btf *btf, __u32 type)
{
	const struct btf_type *t = resolve(btf, type);

	if (!t)
		return "F_HEX";
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
		return "F_BOOL";
	if ((btf_is_int(t) || btf_is_any_enum(t)) && t->size <= 8)
		return int_signed(t) ? "F_INT" : "F_UINT";
	if (btf_is_ptr(t))
		return "F_UINT";
	return is_char_array(btf, t) ? "F_CHARS" : "F_HEX";
}

/* The meta's description of variable `name` of section `sec`, or NULL. */
static const cJSON *meta_var(const cJSON *meta, const char *sec, const char *name)
{
	const cJSON *skel = cJSON_GetObjectItemCaseSensitive(meta, "bpf_skel");
	const cJSON *secs = cJSON_GetObjectItemCaseSensitive(skel, "data_sections"), *d, *var;

	cJSON_ArrayForEach(d, secs) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "name");

		if (!cJSON_IsString(n) || strcmp(n->valuestring, sec))
			continue;
		cJSON_ArrayForEach(var, cJSON_GetObjectItemCaseSensitive(d, "variables")) {
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

static void option_row(struct cmn_buf *b, const char *name, const cJSON *mv, const char *kind,
		       int sec, __u32 off, __u32 size)
{
	const cJSON *cmdarg = cJSON_GetObjectItemCaseSensitive(mv, "cmdarg");
	const char *lng = json_str(cmdarg, "long"), *shrt = json_str(cmdarg, "short");
	const char *help = json_str(cmdarg, "help");

	help = help ? help : json_str(mv, "description");
	cmn_buf__puts(b, "\t{");
	skelgen_wasm__c_str(b, lng && *lng ? lng : name);
	if (shrt && shrt[0] && !shrt[1] && shrt[0] != '\'' && shrt[0] != '\\')
		cmn_buf__printf(b, ", '%c', ", shrt[0]);
	else
		cmn_buf__puts(b, ", 0, ");
	skelgen_wasm__c_str(b, help ? help : "");
	cmn_buf__printf(b, ", %s, %d, %u, %u},\n", kind, sec, off, size);
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

static int fields_var(struct skelgen_wasm *s, const char *event_struct,
		      struct skelgen_wasm_vars *v, __u32 *size)
{
	struct cmn_buf b = {0};
	const struct btf_type *t;
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
	t = btf__type_by_id(s->btf, id);
	*size = t->size;
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const struct btf_member *m = &btf_members(t)[i];
		const char *name = btf__name_by_offset(s->btf, m->name_off);

		if (!name || !*name || btf_member_bitfield_size(t, i))
			continue; /* anonymous members and bitfields are not printed */
		cmn_buf__puts(&b, "\t{");
		skelgen_wasm__c_str(&b, name);
		cmn_buf__printf(&b, ", %s, %u, %lld},\n", field_kind(s->btf, m->type),
				btf_member_bit_offset(t, i) / 8,
				(long long)btf__resolve_size(s->btf, m->type));
	}
	return skelgen_wasm__add_var(v, "FIELDS", cmn_buf__steal(&b, NULL) ?: cmn_strdup(""));
}

/* The first ring buffer or perf event array: the map whose records are printed. */
static const char *event_map(const struct skelgen_wasm *s)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, s->obj) {
		enum bpf_map_type t = bpf_map__type(m);

		if (t == BPF_MAP_TYPE_RINGBUF || t == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			return bpf_map__name(m);
	}
	return "";
}

int skelgen_wasm__app_vars(struct skelgen_wasm *s, const char *event_struct, const cJSON *meta,
			   const char *skel_header, struct skelgen_wasm_vars *v)
{
	__u32 size = 0;
	int err;

	err = skelgen_wasm__add_var(v, "OBJ", cmn_strdup(s->obj_name));
	err = err ?: skelgen_wasm__add_var(v, "SKEL", cmn_strdup(s->obj_name));
	err = err ?: skelgen_wasm__add_var(v, "SKEL_HEADER", cmn_strdup(skel_header));
	err = err ?: options_var(s, meta, v);
	err = err ?: fields_var(s, event_struct, v, &size);
	err = err ?: skelgen_wasm__add_var(v, "EVENT_MAP", cmn_strdup(event_map(s)));
	err = err ?: skelgen_wasm__add_fmt(v, "EVENT_SIZE", "%u", size);
	return err;
}
