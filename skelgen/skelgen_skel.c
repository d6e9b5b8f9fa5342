// SPDX-License-Identifier: MIT
/*
 * meta.bpf_skel from libbpf's view of the object: maps in libbpf order with
 * libbpf's own names, programs with their SEC() strings, and one data
 * section per memory-mappable internal map.
 */
#include <errno.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include "common.h"
#include "btfgen.h"
#include "skelgen.h"

struct skel_ctx {
	const struct skelgen_skel_opts *o;
	struct bpf_object *obj;
	const struct btf *btf;
	struct btfgen_types *types;
	cJSON *skel;
};

/* Internal maps: identifier after libbpf's "<obj>." prefix, sanitized. */
static char *map_ident(const struct bpf_map *map)
{
	const char *name = bpf_map__name(map), *dot;
	char *id, *p;

	dot = bpf_map__is_internal(map) ? strchr(name, '.') : NULL;
	id = cmn_strdup(dot ? dot + 1 : name);
	for (p = id; p && *p; p++)
		if (!isalnum((unsigned char)*p))
			*p = '_';
	return id;
}

static bool map_mmaped(const struct bpf_map *map)
{
	return bpf_map__is_internal(map) && (bpf_map__map_flags(map) & BPF_F_MMAPABLE);
}

static int add_map(struct skel_ctx *c, const struct bpf_map *map, cJSON *maps)
{
	cJSON *m = cJSON_CreateObject();
	char *ident = map_ident(map);
	int err = -ENOMEM;

	if (!m || !ident)
		goto out;
	if (!cJSON_AddStringToObject(m, "name", bpf_map__name(map)) ||
	    !cJSON_AddStringToObject(m, "ident", ident))
		goto out;
	if (map_mmaped(map) && !cJSON_AddTrueToObject(m, "mmaped"))
		goto out;
	cJSON_AddItemToArray(maps, m);
	m = NULL;
	err = 0;
out:
	cJSON_Delete(m);
	free(ident);
	return err;
}

static int add_data_section(struct skel_ctx *c, const struct bpf_map *map, cJSON *secs)
{
	__u32 sec_id = bpf_map__btf_value_type_id(map);
	const struct btf_type *t = c->btf ? btf__type_by_id(c->btf, sec_id) : NULL;
	cJSON *s, *vars;
	int err;

	if (!t || !btf_is_datasec(t))
		return 0; /* no BTF for this section: nothing a runtime could set */
	err = btfgen_datasec__vars(c->types, sec_id, &vars);
	if (err)
		return err;
	s = cJSON_CreateObject();
	if (!s || !cJSON_AddStringToObject(s, "name", btf__name_by_offset(c->btf, t->name_off))) {
		cJSON_Delete(s);
		cJSON_Delete(vars);
		return -ENOMEM;
	}
	cJSON_AddItemToObject(s, "variables", vars);
	cJSON_AddItemToArray(secs, s);
	return 0;
}

static int add_maps(struct skel_ctx *c)
{
	cJSON *secs = cJSON_AddArrayToObject(c->skel, "data_sections");
	cJSON *maps = cJSON_AddArrayToObject(c->skel, "maps");
	struct bpf_map *map;
	int err;

	if (!secs || !maps)
		return -ENOMEM;
	bpf_object__for_each_map(map, c->obj)
	{
		err = add_map(c, map, maps);
		if (!err && map_mmaped(map))
			err = add_data_section(c, map, secs);
		if (err)
			return err;
	}
	return 0;
}

static int add_progs(struct skel_ctx *c)
{
	cJSON *progs = cJSON_AddArrayToObject(c->skel, "progs"), *p;
	struct bpf_program *prog;

	if (!progs)
		return -ENOMEM;
	bpf_object__for_each_program(prog, c->obj)
	{
		/*
		 * libbpf lists a .text function as a program when the object has
		 * no other (e.g. ecc --header-only); it is never an entry point.
		 */
		if (strcmp(bpf_program__section_name(prog), ".text") == 0)
			continue;
		p = cJSON_CreateObject();
		if (!p)
			return -ENOMEM;
		cJSON_AddItemToArray(progs, p);
		if (!cJSON_AddStringToObject(p, "name", bpf_program__name(prog)) ||
		    !cJSON_AddStringToObject(p, "attach", bpf_program__section_name(prog)) ||
		    !cJSON_AddTrueToObject(p, "link"))
			return -ENOMEM;
	}
	return 0;
}

static int add_export_types(struct skel_ctx *c, cJSON *meta)
{
	cJSON *arr = cJSON_AddArrayToObject(meta, "export_types"), *layout;
	size_t i;
	int err;

	if (!arr)
		return -ENOMEM;
	if (c->o->n_export_structs && !c->btf) {
		pr_warn("%s: the object has no BTF, so its export types cannot be laid out\n",
			c->o->obj_name);
		return -ENOENT;
	}
	for (i = 0; i < c->o->n_export_structs; i++) {
		err = btfgen_layout__struct(c->types, c->o->export_structs[i], &layout);
		if (err)
			return err;
		cJSON_AddItemToArray(arr, layout);
	}
	return 0;
}

static int open_object(struct skel_ctx *c)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = c->o->obj_name);
	int err;

	c->obj = bpf_object__open_mem(c->o->obj, c->o->obj_len, &opts);
	if (!c->obj) {
		err = -errno;
		pr_warn("%s: libbpf cannot open the compiled object: %s\n", c->o->obj_name,
			strerror(-err));
		return err;
	}
	c->btf = bpf_object__btf(c->obj);
	if (c->btf) {
		c->types = btfgen_types__new(c->btf);
		if (!c->types)
			return -errno;
	}
	return 0;
}

static int build_skel(struct skel_ctx *c, cJSON *meta, bool *multi)
{
	int err;

	c->skel = cJSON_AddObjectToObject(meta, "bpf_skel");
	if (!c->skel || !cJSON_AddStringToObject(c->skel, "obj_name", c->o->obj_name))
		return -ENOMEM;
	err = add_maps(c);
	if (!err)
		err = add_progs(c);
	if (!err && c->o->doc)
		err = skelgen_skel__merge_doc(c->skel, c->o->doc, c->btf, multi);
	return err;
}

int skelgen_skel__build(const struct skelgen_skel_opts *o, cJSON **meta_out)
{
	struct skel_ctx c = {.o = o};
	cJSON *meta = cJSON_CreateObject();
	bool multi = false;
	int err;

	*meta_out = NULL;
	if (!meta)
		return -ENOMEM;
	err = open_object(&c);
	if (!err)
		err = build_skel(&c, meta, &multi);
	if (!err)
		err = add_export_types(&c, meta);
	if (!err && !cJSON_AddStringToObject(meta, "eunomia_version", o->version))
		err = -ENOMEM;
	if (!err && multi && !cJSON_AddTrueToObject(meta, "enable_multiple_export_types"))
		err = -ENOMEM;
	btfgen_types__free(c.types);
	bpf_object__close(c.obj);
	if (err) {
		cJSON_Delete(meta);
		return err;
	}
	*meta_out = meta;
	return 0;
}
