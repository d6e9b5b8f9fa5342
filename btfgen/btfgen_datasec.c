// SPDX-License-Identifier: MIT
/* Non-static variables of a DATASEC, with their C type text. */
#include <errno.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include "common.h"
#include "btfgen.h"

static int add_var(struct btfgen_types *t, const struct btf_type *var, cJSON *arr)
{
	const struct btf *btf = btfgen_types__btf(t);
	char *text;
	cJSON *o;
	int err;

	err = btfgen_types__decl(t, var->type, &text);
	if (err)
		return err;
	o = cJSON_CreateObject();
	if (!o || !cJSON_AddStringToObject(o, "name", btf__name_by_offset(btf, var->name_off)) ||
	    !cJSON_AddStringToObject(o, "type", text)) {
		cJSON_Delete(o);
		free(text);
		return -ENOMEM;
	}
	free(text);
	cJSON_AddItemToArray(arr, o);
	return 0;
}

int btfgen_datasec__vars(struct btfgen_types *t, __u32 datasec_id, cJSON **out)
{
	const struct btf *btf = btfgen_types__btf(t);
	const struct btf_type *sec = btf__type_by_id(btf, datasec_id), *var;
	const struct btf_var_secinfo *vi;
	cJSON *arr;
	__u16 i;
	int err;

	*out = NULL;
	if (!sec || !btf_is_datasec(sec)) {
		pr_warn("BTF type %u is not a data section\n", datasec_id);
		return -EINVAL;
	}
	arr = cJSON_CreateArray();
	if (!arr)
		return -ENOMEM;
	vi = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vi++) {
		var = btf__type_by_id(btf, vi->type);
		if (!var || !btf_is_var(var) || btf_var(var)->linkage == BTF_VAR_STATIC)
			continue;
		err = add_var(t, var, arr);
		if (err) {
			cJSON_Delete(arr);
			return err;
		}
	}
	*out = arr;
	return 0;
}
