// SPDX-License-Identifier: MIT
/* Export struct layouts from an object's BTF (package-format.md 2.2). */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "common.h"
#include "btfgen.h"

/* {"name": N, "type": T}; `type_text` is consumed. */
static cJSON *name_type(const char *name, char *type_text)
{
	cJSON *o = cJSON_CreateObject();

	if (o && (!cJSON_AddStringToObject(o, "name", name) ||
		  !cJSON_AddStringToObject(o, "type", type_text))) {
		cJSON_Delete(o);
		o = NULL;
	}
	free(type_text);
	return o;
}

static int struct_members(struct btfgen_types *t, const struct btf *btf, const struct btf_type *st,
			  cJSON *arr)
{
	const struct btf_member *m = btf_members(st);
	__u16 i, n = btf_vlen(st);
	char *text;
	cJSON *o;
	int err;

	for (i = 0; i < n; i++, m++) {
		err = btfgen_types__decl(t, m->type, &text);
		if (err)
			return err;
		o = name_type(btf__name_by_offset(btf, m->name_off), text);
		if (!o)
			return -ENOMEM;
		cJSON_AddItemToArray(arr, o);
	}
	return 0;
}

int btfgen_layout__struct(struct btfgen_types *t, const char *name, cJSON **out)
{
	const struct btf *btf = btfgen_types__btf(t);
	const struct btf_type *st;
	cJSON *o, *members;
	int id, err;

	*out = NULL;
	id = btfgen_type__find_struct(btf, name);
	if (id < 0) {
		pr_warn("struct %s: not in the object's BTF\n", name);
		return id;
	}
	st = btf__type_by_id(btf, id);
	o = cJSON_CreateObject();
	if (!o)
		return -ENOMEM;
	err = -ENOMEM;
	if (!cJSON_AddStringToObject(o, "name", name))
		goto err_free;
	members = cJSON_AddArrayToObject(o, "members");
	if (!members)
		goto err_free;
	err = struct_members(t, btf, st, members);
	if (err)
		goto err_free;
	err = -ENOMEM;
	if (!cJSON_AddNumberToObject(o, "size", st->size) ||
	    !cJSON_AddNumberToObject(o, "type_id", id))
		goto err_free;
	*out = o;
	return 0;
err_free:
	cJSON_Delete(o);
	return err;
}
