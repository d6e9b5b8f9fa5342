// SPDX-License-Identifier: MIT
/*
 * Write a package.json the way the eunomia-bpf ecc does, from a BPF object
 * and a hand-written meta file (for compatibility tests: that ecc cannot run
 * here). Keys come out in the meta file's order (write them sorted, as the
 * eunomia ecc does); the top level is bpf_object, bpf_object_size, meta.
 *
 *   rtmin_mkpkg OBJ META.json OUT.json
 */
#include "common.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char *obj = NULL, *meta_text = NULL, *b64 = NULL, *out = NULL;
	size_t obj_len, meta_len, b64_len, zlen;
	cJSON *root = NULL, *meta;
	void *z = NULL;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s OBJ META.json OUT.json\n", argv[0]);
		return 2;
	}
	if (cmn_read_file(argv[1], 64 << 20, &obj, &obj_len) ||
	    cmn_read_file(argv[2], 1 << 20, &meta_text, &meta_len)) {
		fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
		goto out;
	}
	meta = cJSON_Parse(meta_text);
	if (!meta) {
		fprintf(stderr, "%s: not JSON\n", argv[2]);
		goto out;
	}
	if (cmn_zlib_compress(obj, obj_len, &z, &zlen) || cmn_base64_encode(z, zlen, &b64, &b64_len))
		goto out;
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "bpf_object", b64);
	cJSON_AddNumberToObject(root, "bpf_object_size", (double)obj_len);
	cJSON_AddItemToObject(root, "meta", meta);
	out = cJSON_PrintUnformatted(root);
	if (out && cmn_write_file_atomic(argv[3], out, strlen(out), 0644) == 0)
		rc = 0;
out:
	free(obj);
	free(meta_text);
	free(b64);
	free(z);
	free(out);
	cJSON_Delete(root);
	return rc;
}
