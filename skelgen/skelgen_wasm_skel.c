// SPDX-License-Identifier: MIT
/*
 * Values of templates/wasm/skel.h.in: the embedded bytes, the map, program
 * and datasec tables, and the typed handles that point into them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen_wasm.h"
#include "skelgen_wasm_int.h"

static const char *const attach_names[] = {"ECC_ATTACH_AUTO", "ECC_ATTACH_XDP", "ECC_ATTACH_CGROUP",
					   "ECC_ATTACH_NONE"};

/* An internal map's section: libbpf names it "<prefix><section>". */
static const char *map_section(const struct bpf_map *m)
{
	return bpf_map__is_internal(m) ? strchr(bpf_map__name(m), '.') : NULL;
}

/* The C identifier of a map handle: its name, or its section without dots. */
static char *map_ident_of(const struct bpf_map *m)
{
	const char *sec = map_section(m);
	char *id = cmn_strdup(sec ? sec + 1 : bpf_map__name(m));

	for (char *c = id; c && *c; c++)
		*c = isalnum((unsigned char)*c) ? *c : '_';
	return id;
}

/*
 * Handle names, unique: a user map may be called like an internal one
 * ("bss"); the later one then gets its index appended.
 */
static char *map_ident(const struct skelgen_wasm *s, const struct bpf_map *m, size_t idx)
{
	char *id = map_ident_of(m), *dup;
	struct bpf_map *o;
	size_t i = 0;

	bpf_object__for_each_map(o, s->obj)
	{
		char *other;
		bool same;

		if (i++ >= idx || !id)
			break;
		other = map_ident_of(o);
		same = other && !strcmp(other, id);
		free(other);
		if (same) {
			dup = cmn_asprintf("%s_%zu", id, idx);
			free(id);
			return dup;
		}
	}
	return id;
}

static int maps_vars(struct skelgen_wasm *s, struct skelgen_wasm_vars *v)
{
	struct cmn_buf handles = {0}, init = {0}, hinit = {0};
	struct bpf_map *m;
	size_t n = 0;
	int err = 0;

	bpf_object__for_each_map(m, s->obj)
	{
		const char *sec = map_section(m);
		char *id = map_ident(s, m, n);

		if (!id) {
			err = -ENOMEM;
			break;
		}
		cmn_buf__printf(&handles, "\t\tstruct ecc_skel_map *%s;\n", id);
		cmn_buf__puts(&init, "\t\t{");
		skelgen_wasm__c_str(&init, bpf_map__name(m));
		cmn_buf__puts(&init, ", ");
		if (sec)
			skelgen_wasm__c_str(&init, sec);
		else
			cmn_buf__puts(&init, "NULL");
		cmn_buf__printf(&init, ", %u, %u, -1},\n", bpf_map__type(m),
				bpf_map__value_size(m));
		cmn_buf__printf(&hinit, "\ts->maps.%s = &s->map_tab[%zu];\n", id, n++);
		free(id);
	}
	err = err ?: skelgen_wasm__add_fmt(v, "N_MAPS", "%zu", n);
	err = err
		  ?: skelgen_wasm__add_var(v, "MAP_HANDLES",
					   cmn_buf__steal(&handles, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "MAP_INIT",
					   cmn_buf__steal(&init, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "MAP_HINIT",
					   cmn_buf__steal(&hinit, NULL) ?: cmn_strdup(""));
	cmn_buf__free(&handles);
	cmn_buf__free(&init);
	cmn_buf__free(&hinit);
	return err;
}

static int progs_vars(struct skelgen_wasm *s, struct skelgen_wasm_vars *v)
{
	struct cmn_buf handles = {0}, init = {0}, hinit = {0};
	struct bpf_program *p;
	size_t n = 0;
	int err;

	bpf_object__for_each_program(p, s->obj)
	{
		const char *sec = bpf_program__section_name(p);

		cmn_buf__printf(&handles, "\t\tstruct ecc_skel_prog *%s;\n", bpf_program__name(p));
		cmn_buf__puts(&init, "\t\t{");
		skelgen_wasm__c_str(&init, bpf_program__name(p));
		cmn_buf__puts(&init, ", ");
		skelgen_wasm__c_str(&init, sec);
		cmn_buf__printf(&init, ", %s, NULL, true, false},\n",
				attach_names[skelgen_wasm__attach_kind(sec)]);
		cmn_buf__printf(&hinit, "\ts->progs.%s = &s->prog_tab[%zu];\n",
				bpf_program__name(p), n++);
	}
	err = skelgen_wasm__add_fmt(v, "N_PROGS", "%zu", n);
	err = err
		  ?: skelgen_wasm__add_var(v, "PROG_HANDLES",
					   cmn_buf__steal(&handles, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "PROG_INIT",
					   cmn_buf__steal(&init, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "PROG_HINIT",
					   cmn_buf__steal(&hinit, NULL) ?: cmn_strdup(""));
	cmn_buf__free(&handles);
	cmn_buf__free(&init);
	cmn_buf__free(&hinit);
	return err;
}

/* Datasec views: types (btfgen_wasm), table rows, handles. */
static int secs_vars(struct skelgen_wasm *s, struct btfgen_wasm *g, struct skelgen_wasm_vars *v)
{
	struct cmn_buf init = {0}, handles = {0}, hinit = {0};
	int err = 0, n = 0;

	for (int i = 0; i < SKELGEN_WASM_N_SECS && !err; i++) {
		const struct skelgen_wasm_sec *d = &s->secs[i];
		char *view;

		if (!d->view)
			continue;
		view = cmn_asprintf("%s__%s", s->ident, d->name + 1);
		err = view ? btfgen_wasm__add_datasec(g, d->name, view) : -ENOMEM;
		cmn_buf__printf(&init, "\t\t{\"%s\", %llu, %lld, NULL, false},\n", d->name,
				(unsigned long long)d->size,
				d->progbits ? (long long)d->file_off : -1LL);
		cmn_buf__printf(&handles, "\tstruct %s *%s;\n", view ? view : "", d->name + 1);
		cmn_buf__printf(&hinit, "\ts->%s = s->sec_tab[%d].view;\n", d->name + 1, n++);
		free(view);
	}
	err = err ?: skelgen_wasm__add_fmt(v, "N_SECS", "%d", n);
	err = err
		  ?: skelgen_wasm__add_var(v, "SEC_INIT",
					   cmn_buf__steal(&init, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "VIEW_HANDLES",
					   cmn_buf__steal(&handles, NULL) ?: cmn_strdup(""));
	err = err
		  ?: skelgen_wasm__add_var(v, "SEC_HINIT",
					   cmn_buf__steal(&hinit, NULL) ?: cmn_strdup(""));
	cmn_buf__free(&init);
	cmn_buf__free(&handles);
	cmn_buf__free(&hinit);
	return err;
}

static int bytes_var(struct skelgen_wasm *s, struct skelgen_wasm_vars *v)
{
	struct cmn_buf b = {0};
	int err = 0;

	for (size_t i = 0; i < s->len && !err; i++)
		err = cmn_buf__printf(&b, "%s0x%02x,%s", i % 16 ? "" : "\t",
				      (unsigned char)s->bytes[i],
				      i % 16 == 15 || i + 1 == s->len ? "\n" : "");
	err = err
		  ?: skelgen_wasm__add_var(v, "ELF_BYTES",
					   cmn_buf__steal(&b, NULL) ?: cmn_strdup(""));
	cmn_buf__free(&b);
	return err ?: skelgen_wasm__add_fmt(v, "ELF_SIZE", "%zu", s->len);
}

/* HANDLE_INIT joins the three handle initialisations the template needs. */
static int handle_init_var(struct skelgen_wasm_vars *v)
{
	const char *parts[3] = {NULL, NULL, NULL};
	static const char *const keys[3] = {"MAP_HINIT", "PROG_HINIT", "SEC_HINIT"};

	for (size_t i = 0; i < v->cnt; i++)
		for (int k = 0; k < 3; k++)
			if (!strcmp(v->ptr[i].key, keys[k]))
				parts[k] = v->ptr[i].value;
	return skelgen_wasm__add_fmt(v, "HANDLE_INIT", "%s%s%s", parts[0] ?: "", parts[1] ?: "",
				     parts[2] ?: "");
}

/*
 * The Wasm-safe spelling of a map's key or value type for a typed pointer
 * parameter ("struct hist", "u32"), or "void" when it has none (no BTF, an
 * array, an anonymous type) or cannot be declared for wasm32.
 */
static char *typed_param(struct skelgen_wasm *s, struct btfgen_wasm *g, __u32 id)
{
	struct btfgen_wasm *trial = id ? btfgen_wasm__new(s->btf, s->obj_name) : NULL;
	struct cmn_buf b = {0};
	bool ok = false;

	/* a quiet trial first: a failure must not poison the skeleton's generator */
	if (trial)
		btfgen_wasm__set_quiet(trial, true);
	if (trial && !btfgen_wasm__add_type(trial, id) && !btfgen_wasm__add_type(g, id) &&
	    !btfgen_wasm__decl(g, id, "", &b))
		ok = b.ptr && !strpbrk(b.ptr, "[{");
	btfgen_wasm__free(trial);
	if (!ok) {
		cmn_buf__free(&b);
		return cmn_strdup("void");
	}
	return cmn_buf__steal(&b, NULL);
}

static const char map_funcs_fmt[] =
    "static inline int %1$s__%2$s__lookup_elem(const struct %1$s *s, const %3$s *key, %4$s "
    "*value)\n{\n\treturn ecc_bpf_map__lookup_elem(s->maps.%2$s->fd, key, value);\n}\n\n"
    "static inline int %1$s__%2$s__update_elem(const struct %1$s *s, const %3$s *key,\n"
    "\t\t\t\t\t const %4$s *value, uint64_t flags)\n{\n"
    "\treturn ecc_bpf_map__update_elem(s->maps.%2$s->fd, key, value, flags);\n}\n\n"
    "static inline int %1$s__%2$s__delete_elem(const struct %1$s *s, const %3$s *key)\n{\n"
    "\treturn ecc_bpf_map__delete_elem(s->maps.%2$s->fd, key);\n}\n\n"
    "static inline int %1$s__%2$s__get_next_key(const struct %1$s *s, const %3$s *key,\n"
    "\t\t\t\t\t  %3$s *next_key)\n{\n"
    "\treturn ecc_bpf_map__get_next_key(s->maps.%2$s->fd, key, next_key);\n}\n\n";

/* Map types whose elements are not one key -> one value in guest memory. */
static bool untyped_map(enum bpf_map_type t)
{
	static const enum bpf_map_type skip[] = {
	    BPF_MAP_TYPE_RINGBUF,	  BPF_MAP_TYPE_PERF_EVENT_ARRAY,
	    BPF_MAP_TYPE_PERCPU_HASH,	  BPF_MAP_TYPE_PERCPU_ARRAY,
	    BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE,
	    BPF_MAP_TYPE_PROG_ARRAY,
	};

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (t == skip[i])
			return true;
	return false;
}

/* Typed lookup/update/delete/get_next_key for each user map with BTF types. */
static int map_funcs_var(struct skelgen_wasm *s, struct btfgen_wasm *g, struct skelgen_wasm_vars *v)
{
	struct cmn_buf b = {0};
	struct bpf_map *m;
	size_t idx = 0;

	bpf_object__for_each_map(m, s->obj)
	{
		char *id = map_ident(s, m, idx++), *k = NULL, *val = NULL;

		if (id && !bpf_map__is_internal(m) && !untyped_map(bpf_map__type(m)) &&
		    bpf_map__btf_key_type_id(m) && bpf_map__btf_value_type_id(m)) {
			k = typed_param(s, g, bpf_map__btf_key_type_id(m));
			val = typed_param(s, g, bpf_map__btf_value_type_id(m));
			if (k && val)
				cmn_buf__printf(&b, map_funcs_fmt, s->ident, id, k, val);
		}
		free(id), free(k), free(val);
	}
	return skelgen_wasm__add_var(v, "MAP_FUNCS", cmn_buf__steal(&b, NULL) ?: cmn_strdup(""));
}

int skelgen_wasm__skel_vars(struct skelgen_wasm *s, struct skelgen_wasm_vars *v)
{
	struct btfgen_wasm *g = btfgen_wasm__new(s->btf, s->obj_name);
	struct cmn_buf guard = {0};
	int err = g ? 0 : -ENOMEM;

	cmn_buf__puts(&guard, "__");
	for (const char *c = s->ident; *c; c++)
		cmn_buf__printf(&guard, "%c", isalnum((unsigned char)*c) ? toupper(*c) : '_');
	cmn_buf__puts(&guard, "_WASM_SKEL_H__");
	err = err ?: skelgen_wasm__add_var(v, "GUARD", cmn_buf__steal(&guard, NULL));
	err = err ?: skelgen_wasm__add_var(v, "OBJ", cmn_strdup(s->obj_name));
	err = err ?: skelgen_wasm__add_var(v, "SKEL", cmn_strdup(s->ident));
	err = err ?: bytes_var(s, v);
	err = err ?: maps_vars(s, v);
	err = err ?: progs_vars(s, v);
	err = err ?: secs_vars(s, g, v);
	err = err ?: map_funcs_var(s, g, v);
	err = err ?: skelgen_wasm__add_var(v, "TYPES", cmn_strdup(btfgen_wasm__text(g)));
	err = err ?: handle_init_var(v);
	btfgen_wasm__free(g);
	cmn_buf__free(&guard);
	return err;
}
