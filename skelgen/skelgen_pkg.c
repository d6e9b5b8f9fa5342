// SPDX-License-Identifier: MIT
/* package.json: the object as a zlib stream in base64, its size, and meta. */
#include <errno.h>
#include <stdlib.h>
#include "common.h"
#include "skelgen.h"

int skelgen_pkg__build(const void *obj, size_t obj_len, const cJSON *meta, cJSON **pkg)
{
	void *z = NULL;
	char *b64 = NULL;
	size_t z_len, b64_len;
	cJSON *p = NULL, *m;
	int err;

	*pkg = NULL;
	err = cmn_zlib_compress(obj, obj_len, &z, &z_len);
	if (err)
		goto out;
	err = cmn_base64_encode(z, z_len, &b64, &b64_len);
	if (err)
		goto out;
	err = -ENOMEM;
	p = cJSON_CreateObject();
	m = cJSON_Duplicate(meta, true);
	if (!p || !m) {
		cJSON_Delete(m);
		goto out;
	}
	if (!cJSON_AddStringToObject(p, "bpf_object", b64) ||
	    !cJSON_AddNumberToObject(p, "bpf_object_size", (double)obj_len)) {
		cJSON_Delete(m);
		goto out;
	}
	cJSON_AddItemToObject(p, "meta", m);
	*pkg = p;
	p = NULL;
	err = 0;
out:
	cJSON_Delete(p);
	free(b64);
	free(z);
	return err;
}
