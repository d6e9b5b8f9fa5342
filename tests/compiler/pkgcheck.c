// SPDX-License-Identifier: MIT
/*
 * pkgcheck PACKAGE: decode a package (package.json or package.yaml) and
 * check it against itself: base64 + zlib decode, bpf_object_size, ELF magic,
 * a .BTF section; every export type's type_id names a struct of that name,
 * size and members (names and C type text) in the packaged object's BTF;
 * every data-section variable is a VAR of that section's DATASEC.
 * Prints each problem and exits 1; prints "ok: ..." and exits 0.
 * pkgcheck --same-tree A B: A and B (JSON or YAML) hold the same tree.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen.h"
#include "common.h"
#include "pkgdecode.h"

static void check_member(struct btfgen_types *t, const char *st, const struct btf_member *m,
			 const cJSON *want)
{
	const struct btf *btf = btfgen_types__btf(t);
	const char *name = btf__name_by_offset(btf, m->name_off);
	const char *wname = cJSON_GetStringValue(cJSON_GetObjectItem(want, "name"));
	const char *wtype = cJSON_GetStringValue(cJSON_GetObjectItem(want, "type"));
	char *text = NULL;

	if (!wname || strcmp(name, wname) != 0)
		PROBLEM("struct %s: member '%s' in BTF, '%s' in export_types", st, name,
			wname ? wname : "(none)");
	if (btfgen_types__decl(t, m->type, &text) || !wtype || strcmp(text, wtype) != 0)
		PROBLEM("struct %s.%s: type '%s' in BTF, '%s' in export_types", st, name,
			text ? text : "?", wtype ? wtype : "(none)");
	free(text);
}

static void check_export_type(struct btfgen_types *t, const cJSON *et)
{
	const struct btf *btf = btfgen_types__btf(t);
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(et, "name"));
	const cJSON *id = cJSON_GetObjectItem(et, "type_id");
	const cJSON *members = cJSON_GetObjectItem(et, "members"), *m;
	const cJSON *size = cJSON_GetObjectItem(et, "size");
	const struct btf_type *st;
	int i = 0;

	if (!name || !cJSON_IsNumber(id) || !cJSON_IsArray(members)) {
		PROBLEM("an export type lacks name/type_id/members");
		return;
	}
	st = btf__type_by_id(btf, (__u32)id->valuedouble);
	if (!st || !btf_is_struct(st) || strcmp(btf__name_by_offset(btf, st->name_off), name)) {
		PROBLEM("export type %s: type_id %.0f is not struct %s in the object's BTF", name,
			id->valuedouble, name);
		return;
	}
	if (!cJSON_IsNumber(size) || size->valuedouble != st->size)
		PROBLEM("export type %s: size differs from BTF's %u", name, st->size);
	if (cJSON_GetArraySize(members) != btf_vlen(st)) {
		PROBLEM("export type %s: %d members listed, BTF has %u", name,
			cJSON_GetArraySize(members), btf_vlen(st));
		return;
	}
	cJSON_ArrayForEach(m, members)
	{
		check_member(t, name, btf_members(st) + i, m);
		i++;
	}
}

static bool datasec_has_var(const struct btf *btf, const struct btf_type *sec, const char *var)
{
	const struct btf_var_secinfo *vi = btf_var_secinfos(sec);
	__u16 i;

	for (i = 0; i < btf_vlen(sec); i++, vi++) {
		const struct btf_type *v = btf__type_by_id(btf, vi->type);

		if (v && btf_is_var(v) && strcmp(btf__name_by_offset(btf, v->name_off), var) == 0)
			return true;
	}
	return false;
}

static void check_data_section(const struct btf *btf, const cJSON *sec)
{
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(sec, "name"));
	const cJSON *vars = cJSON_GetObjectItem(sec, "variables"), *v;
	const struct btf_type *t;
	int id;

	id = name ? btf__find_by_name_kind(btf, name, BTF_KIND_DATASEC) : -ENOENT;
	t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	if (!t) {
		PROBLEM("data section %s: no DATASEC of that name in BTF", name ? name : "(none)");
		return;
	}
	cJSON_ArrayForEach(v, vars)
	{
		const char *vn = cJSON_GetStringValue(cJSON_GetObjectItem(v, "name"));

		if (!vn || !datasec_has_var(btf, t, vn))
			PROBLEM("data section %s: variable %s is not in its DATASEC", name,
				vn ? vn : "(none)");
	}
}

static void check_meta(struct btfgen_types *t, const cJSON *meta)
{
	const cJSON *skel = cJSON_GetObjectItem(meta, "bpf_skel"), *it;

	if (!cJSON_IsObject(skel) || !cJSON_GetStringValue(cJSON_GetObjectItem(skel, "obj_name"))) {
		PROBLEM("meta.bpf_skel.obj_name missing");
		return;
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(meta, "export_types")) check_export_type(t, it);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(skel, "data_sections"))
	    check_data_section(btfgen_types__btf(t), it);
}

static int same_tree(const char *a, const char *b)
{
	cJSON *ta = load_package(a), *tb = load_package(b);
	int ok = ta && tb && cJSON_Compare(ta, tb, true);

	if (ta && tb && !ok)
		PROBLEM("%s and %s hold different trees", a, b);
	cJSON_Delete(ta);
	cJSON_Delete(tb);
	if (ok)
		printf("ok: %s and %s hold the same tree\n", a, b);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct btfgen_types *types = NULL;
	struct btf *btf = NULL;
	cJSON *pkg;
	void *obj = NULL;
	size_t len = 0;

	if (argc == 4 && strcmp(argv[1], "--same-tree") == 0)
		return same_tree(argv[2], argv[3]);
	if (argc != 2) {
		fprintf(stderr, "usage: pkgcheck PACKAGE.json|PACKAGE.yaml | --same-tree A B\n");
		return 2;
	}
	pkg = load_package(argv[1]);
	if (pkg)
		obj = decode_object(pkg, &len);
	if (obj)
		btf = object_btf(obj, len);
	if (btf)
		types = btfgen_types__new(btf);
	if (types)
		check_meta(types, cJSON_GetObjectItem(pkg, "meta"));
	btfgen_types__free(types);
	btf__free(btf);
	free(obj);
	cJSON_Delete(pkg);
	if (pkg_problems || !types)
		return 1;
	printf("ok: %s (%zu-byte object)\n", argv[1], len);
	return 0;
}
