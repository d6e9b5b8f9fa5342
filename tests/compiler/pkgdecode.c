// SPDX-License-Identifier: MIT
/* Package decoding shared by the compiler's test tools. */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "common.h"
#include "pkgdecode.h"
#include "common_yaml.h"

#define MAX_OBJ (64u << 20)

int pkg_problems;

cJSON *load_package(const char *path)
{
	cJSON *root = NULL;
	char *text;
	size_t len;

	if (cmn_read_file(path, 256u << 20, &text, &len)) {
		PROBLEM("%s: cannot read", path);
		return NULL;
	}
	if (len > 5 && strcmp(path + strlen(path) - 5, ".yaml") == 0)
		cmn_yaml_parse(text, len, &root);
	else
		root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!root)
		PROBLEM("%s: not valid JSON/YAML", path);
	return root;
}

void *decode_object(const cJSON *pkg, size_t *len)
{
	const char *b64 = cJSON_GetStringValue(cJSON_GetObjectItem(pkg, "bpf_object"));
	const cJSON *size = cJSON_GetObjectItem(pkg, "bpf_object_size");
	void *z = NULL, *obj = NULL;
	size_t z_len;

	if (!b64 || !cJSON_IsNumber(size)) {
		PROBLEM("bpf_object (string) or bpf_object_size (number) missing");
		return NULL;
	}
	if (cmn_base64_decode(b64, strlen(b64), &z, &z_len)) {
		PROBLEM("bpf_object is not standard base64");
		return NULL;
	}
	if (cmn_zlib_inflate(z, z_len, MAX_OBJ, &obj, len))
		PROBLEM("bpf_object is not a zlib stream");
	free(z);
	if (obj && (double)*len != size->valuedouble)
		PROBLEM("bpf_object_size %.0f, but the object has %zu bytes", size->valuedouble,
			*len);
	if (obj && (*len < 4 || memcmp(obj, "\177ELF", 4) != 0))
		PROBLEM("the object does not start with the ELF magic");
	return obj;
}

/* The .BTF section of an in-memory ELF, as a parsed BTF. */
struct btf *object_btf(void *obj, size_t len)
{
	struct btf *btf = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;
	Elf *elf;

	elf_version(EV_CURRENT);
	elf = elf_memory(obj, len);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			break;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".BTF") != 0)
			continue;
		d = elf_getdata(scn, NULL);
		if (d && d->d_buf)
			btf = btf__new(d->d_buf, d->d_size);
		break;
	}
out:
	if (!btf)
		PROBLEM("the object has no (valid) .BTF section");
	elf_end(elf);
	return btf;
}
