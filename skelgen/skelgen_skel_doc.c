// SPDX-License-Identifier: MIT
/*
 * Doc comments (ecc_doc's tree) merged into meta.bpf_skel: globals onto
 * data-section variables, maps by identifier, programs by name, and the
 * LICENSE doc onto bpf_skel.doc.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "common.h"
#include "btfgen.h"
#include "skelgen.h"

/* The item of array `arr` whose `key` string equals `want`, or NULL. */
static cJSON *find_by(cJSON *arr, const char *key, const char *want)
{
	cJSON *it;

	cJSON_ArrayForEach(it, arr)
	{
		const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, key));

		if (v && strcmp(v, want) == 0)
			return it;
	}
	return NULL;
}

/* Copy every doc key onto `dst`, replacing what is there; `name` never. */
static int copy_keys(cJSON *dst, const cJSON *src, const char *skip)
{
	const cJSON *kv;
	cJSON *dup;

	cJSON_ArrayForEach(kv, src)
	{
		if (strcmp(kv->string, "name") == 0 || (skip && strcmp(kv->string, skip) == 0))
			continue;
		dup = cJSON_Duplicate(kv, true);
		if (!dup)
			return -ENOMEM;
		if (cJSON_GetObjectItemCaseSensitive(dst, kv->string))
			cJSON_ReplaceItemInObjectCaseSensitive(dst, kv->string, dup);
		else
			cJSON_AddItemToObject(dst, kv->string, dup);
	}
	return 0;
}

static int merge_globals(cJSON *skel, const cJSON *globals)
{
	cJSON *secs = cJSON_GetObjectItemCaseSensitive(skel, "data_sections"), *sec, *var;
	const cJSON *g;
	int err;

	cJSON_ArrayForEach(g, globals)
	{
		var = NULL;
		cJSON_ArrayForEach(sec, secs)
		{
			var = find_by(cJSON_GetObjectItemCaseSensitive(sec, "variables"), "name",
				      g->string);
			if (var)
				break;
		}
		if (!var) {
			pr_info("doc comment on '%s': not a variable a runtime can set, ignored\n",
				g->string);
			continue;
		}
		err = copy_keys(var, g, NULL);
		if (err)
			return err;
	}
	return 0;
}

/* "struct NAME" (or "NAME") -> NAME's BTF id in the object; logged when absent. */
static int export_struct_id(const struct btf *btf, const char *map, const char *spec)
{
	const char *name = spec;
	int id;

	while (*name == ' ')
		name++;
	if (strncmp(name, "struct", 6) == 0 && (name[6] == ' ' || name[6] == '\t'))
		name += 7;
	while (*name == ' ' || *name == '\t')
		name++;
	id = btf ? btfgen_type__find_struct(btf, name) : -ENOENT;
	if (id < 0)
		pr_warn("map %s: @export names struct '%s', which is not in the object's BTF "
			"(is it defined in a header the .bpf.c includes?)\n",
			map, name);
	return id;
}

struct export_seen {
	int first_id;
	bool multi;
};

static int merge_map(cJSON *map, const char *ident, const cJSON *doc, const struct btf *btf,
		     struct export_seen *seen)
{
	const char *spec = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "export"));
	cJSON *cfg;
	int id, err;

	err = copy_keys(map, doc, "export");
	if (err || !spec)
		return err;
	id = export_struct_id(btf, ident, spec);
	if (id < 0)
		return id;
	if (seen->first_id && seen->first_id != id)
		seen->multi = true;
	if (!seen->first_id)
		seen->first_id = id;
	cfg = cJSON_CreateObject();
	if (!cfg || !cJSON_AddNumberToObject(cfg, "btf_type_id", id)) {
		cJSON_Delete(cfg);
		return -ENOMEM;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(map, "export_config");
	cJSON_AddItemToObject(map, "export_config", cfg);
	return 0;
}

static int merge_maps(cJSON *skel, const cJSON *maps, const struct btf *btf, bool *multi)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(skel, "maps"), *map;
	struct export_seen seen = {0};
	const cJSON *m;
	int err;

	cJSON_ArrayForEach(m, maps)
	{
		map = find_by(arr, "ident", m->string);
		if (!map) {
			pr_info("doc comment on map '%s': no such map in the object, ignored\n",
				m->string);
			continue;
		}
		err = merge_map(map, m->string, m, btf, &seen);
		if (err)
			return err;
	}
	*multi = seen.multi;
	return 0;
}

static int merge_progs(cJSON *skel, const cJSON *progs)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(skel, "progs"), *prog;
	const cJSON *p;
	int err;

	cJSON_ArrayForEach(p, progs)
	{
		prog = find_by(arr, "name", p->string);
		if (!prog) {
			pr_info("doc comment on '%s': not a BPF program, ignored\n", p->string);
			continue;
		}
		err = copy_keys(prog, p, NULL);
		if (err)
			return err;
	}
	return 0;
}

int skelgen_skel__merge_doc(cJSON *skel, const cJSON *doc, const struct btf *btf, bool *multi)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(doc, "doc");
	cJSON *dup;
	int err;

	err = merge_globals(skel, cJSON_GetObjectItemCaseSensitive(doc, "globals"));
	if (!err)
		err = merge_maps(skel, cJSON_GetObjectItemCaseSensitive(doc, "maps"), btf, multi);
	if (!err)
		err = merge_progs(skel, cJSON_GetObjectItemCaseSensitive(doc, "progs"));
	if (err || !cJSON_IsObject(d))
		return err;
	dup = cJSON_Duplicate(d, true);
	if (!dup)
		return -ENOMEM;
	cJSON_AddItemToObject(skel, "doc", dup);
	return 0;
}
