// SPDX-License-Identifier: MIT
/*
 * `ecli validate`: everything short of loading (no root, no BPF syscalls).
 * The package was already read and checked structurally by rtmin_pkg__open;
 * here libbpf opens the object and the meta is checked against it: every
 * program's section known to libbpf 1.1, every meta program and map in the
 * object, every export type against the object's BTF, every data-section
 * variable against its DATASEC. Every problem is reported, not just the first.
 */
#include "rtmin_int.h"

#include <errno.h>
#include <string.h>

struct vctx {
	const struct rtmin_pkg *pkg;
	struct bpf_object *obj;
	const struct btf *btf;
	int problems;
};

static void problem(struct vctx *v, const char *fmt, const char *a, const char *b)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, a, b);
	pr_warn("%s: %s\n", v->pkg->path, msg);
	v->problems++;
}

static void check_progs(struct vctx *v)
{
	struct bpf_program *p;
	const cJSON *it;

	bpf_object__for_each_program(p, v->obj)
		if (!rtmin_prog__known(p))
			problem(v, "program '%s': section '%s' is not known to libbpf 1.1",
				bpf_program__name(p), bpf_program__section_name(p));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(v->pkg->skel, "progs")) {
		const char *n = rtmin_meta__str(it, "name");

		const char *ap = rtmin_meta__str(cJSON_GetObjectItemCaseSensitive(it, "tchook"),
						 "attach_point");

		if (!n)
			problem(v, "meta.bpf_skel.progs[]: an entry has no 'name'%s%s", "", "");
		else if (!bpf_object__find_program_by_name(v->obj, n))
			problem(v, "meta.bpf_skel.progs: program '%s' is not in the object%s", n, "");
		if (n && ap && strcmp(ap, "BPF_TC_INGRESS") && strcmp(ap, "BPF_TC_EGRESS") &&
		    strcmp(ap, "BPF_TC_CUSTOM"))
			problem(v, "program '%s': tchook.attach_point '%s' is not BPF_TC_INGRESS, "
				"BPF_TC_EGRESS or BPF_TC_CUSTOM", n, ap);
	}
}

/* A map's sample key: a known type and a usable interval. */
static void check_sample(struct vctx *v, const char *map, const cJSON *smp)
{
	static const char *const types[] = { "log2_hist", "linear_hist", "default_kv" };
	const char *type = rtmin_meta__str(smp, "type");
	long iv = rtmin_meta__int(smp, "interval", -1);
	size_t i;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i]) == 0)
			break;
	if (!type || i == sizeof(types) / sizeof(types[0]))
		problem(v, "map '%s': sample type '%s' is not log2_hist, linear_hist or default_kv",
			map, type ? type : "(none)");
	if (iv <= 0 || iv > 3600L * 1000)
		problem(v, "map '%s': sample interval must be 1..3600000 ms%s", map, "");
}

/* export_config: "no_export", "default", {btf_type_id} of a struct, {custom_members}. */
static void check_export_config(struct vctx *v, const char *map, const cJSON *cfg)
{
	const struct btf_type *t;
	long id;

	if (!cfg || cJSON_IsNull(cfg))
		return;
	if (cJSON_IsString(cfg)) {
		if (strcmp(cfg->valuestring, "default") && strcmp(cfg->valuestring, "no_export"))
			problem(v, "map '%s': export_config '%s' is not \"default\" or \"no_export\"",
				map, cfg->valuestring);
		return;
	}
	if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(cfg, "custom_members")))
		return;
	id = rtmin_meta__int(cfg, "btf_type_id", -1);
	t = id > 0 && v->btf ? btf__type_by_id(v->btf, (uint32_t)id) : NULL;
	if (!t || !btf_is_struct(t))
		problem(v, "map '%s': export_config.btf_type_id is not a struct in the object's BTF%s",
			map, "");
}

static void check_maps(struct vctx *v)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(v->pkg->skel, "maps")) {
		const char *n = rtmin_meta__str(it, "name");
		const cJSON *smp = cJSON_GetObjectItemCaseSensitive(it, "sample");

		if (!n) {
			problem(v, "meta.bpf_skel.maps[]: an entry has no 'name'%s%s", "", "");
			continue;
		}
		if (!bpf_object__find_map_by_name(v->obj, n))
			problem(v, "meta.bpf_skel.maps: map '%s' is not in the object%s", n, "");
		if (smp && !cJSON_IsNull(smp))
			check_sample(v, n, smp);
		check_export_config(v, n, cJSON_GetObjectItemCaseSensitive(it, "export_config"));
	}
}

/*
 * The export type's type_id must name that very struct in the object's BTF:
 * runtimes decode events by id. Returns the id, or 0 after a problem.
 */
static int check_export_type_id(struct vctx *v, const char *name, long type_id)
{
	const struct btf_type *t;
	char what[96];

	t = type_id > 0 && type_id < (long)btf__type_cnt(v->btf)
		    ? btf__type_by_id(v->btf, (uint32_t)type_id) : NULL;
	if (t && btf_is_struct(t) && !strcmp(btf__name_by_offset(v->btf, t->name_off), name))
		return (int)type_id;
	if (!t)
		snprintf(what, sizeof(what), "%ld, which is not a type id of the object", type_id);
	else
		snprintf(what, sizeof(what), "%ld, which is %s '%s'", type_id,
			 btf_is_struct(t) ? "struct" : "not a struct but a type named",
			 btf__name_by_offset(v->btf, t->name_off));
	problem(v, "export type 'struct %s': type_id is %s", name, what);
	return 0;
}

/* Member names, in order, as the BTF has them. */
static void check_export_members(struct vctx *v, const char *name, const struct btf_type *t,
				 const cJSON *members)
{
	const struct btf_member *m = btf_members(t);
	const cJSON *it;
	char what[160];
	unsigned i = 0;

	cJSON_ArrayForEach(it, members) {
		const char *mn = rtmin_meta__str(it, "name");
		const char *bn = i < btf_vlen(t) ? btf__name_by_offset(v->btf, m[i].name_off) : NULL;

		if (mn && bn && strcmp(mn, bn)) {
			snprintf(what, sizeof(what), "member %u is '%s' in meta but '%s' in the BTF", i,
				 mn, bn);
			problem(v, "export type 'struct %s': %s", name, what);
			return;
		}
		i++;
	}
}

static void check_export(struct vctx *v, const cJSON *et)
{
	const char *name = rtmin_meta__str(et, "name");
	const cJSON *members = cJSON_GetObjectItemCaseSensitive(et, "members");
	const struct btf_type *t;
	char num[64];
	int id;

	if (!name) {
		problem(v, "meta.export_types[]: an entry has no 'name'%s%s", "", "");
		return;
	}
	id = v->btf ? btf__find_by_name_kind(v->btf, name, BTF_KIND_STRUCT) : -1;
	if (id <= 0) {
		problem(v, "export type 'struct %s' is not in the object's BTF%s", name, "");
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(et, "type_id")) {
		id = check_export_type_id(v, name, rtmin_meta__int(et, "type_id", -1));
		if (id <= 0)
			return;
	}
	t = btf__type_by_id(v->btf, (uint32_t)id);
	check_export_members(v, name, t, members);
	if (cJSON_IsArray(members) && cJSON_GetArraySize(members) != (int)btf_vlen(t)) {
		snprintf(num, sizeof(num), "%d members, the BTF has %u", cJSON_GetArraySize(members),
			 btf_vlen(t));
		problem(v, "export type 'struct %s': meta lists %s", name, num);
	}
	if (cJSON_GetObjectItemCaseSensitive(et, "size") &&
	    rtmin_meta__int(et, "size", -1) != (long)t->size) {
		snprintf(num, sizeof(num), "%ld, the BTF says %u", rtmin_meta__int(et, "size", -1),
			 t->size);
		problem(v, "export type 'struct %s': size %s", name, num);
	}
}

/* Does DATASEC `sec` hold a VAR named `var`? */
static bool datasec_has(const struct btf *btf, const char *sec, const char *var)
{
	int id = btf ? btf__find_by_name_kind(btf, sec, BTF_KIND_DATASEC) : -1;
	const struct btf_var_secinfo *vs;
	const struct btf_type *t;
	unsigned i;

	if (id <= 0)
		return false;
	t = btf__type_by_id(btf, (uint32_t)id);
	for (i = 0, vs = btf_var_secinfos(t); i < btf_vlen(t); i++, vs++) {
		const struct btf_type *vt = btf__type_by_id(btf, vs->type);

		if (vt && strcmp(btf__name_by_offset(btf, vt->name_off), var) == 0)
			return true;
	}
	return false;
}

static void check_datasecs(struct vctx *v)
{
	const cJSON *s, *it;

	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(v->pkg->skel, "data_sections")) {
		const char *sec = rtmin_meta__str(s, "name");

		if (!sec) {
			problem(v, "meta.bpf_skel.data_sections[]: an entry has no 'name'%s%s", "", "");
			continue;
		}
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(s, "variables")) {
			const char *n = rtmin_meta__str(it, "name");

			if (!n || !datasec_has(v->btf, sec, n))
				problem(v, "variable '%s' is not in the object's %s DATASEC",
					n ? n : "(no name)", sec);
		}
	}
}

static void summary(struct vctx *v, FILE *out, size_t nflags)
{
	const cJSON *types = cJSON_GetObjectItemCaseSensitive(v->pkg->meta, "export_types"), *it;
	struct bpf_program *p;
	struct bpf_map *m;
	size_t np = 0, nm = 0;

	bpf_object__for_each_program(p, v->obj)
		np++;
	bpf_object__for_each_map(m, v->obj)
		nm++;
	fprintf(out, "%s: package '%s' is valid (%zu-byte object)\n", v->pkg->path,
		v->pkg->obj_name, v->pkg->elf_len);
	fprintf(out, "  programs: %zu\n", np);
	bpf_object__for_each_program(p, v->obj)
		fprintf(out, "    %s (%s)\n", bpf_program__name(p), bpf_program__section_name(p));
	fprintf(out, "  maps: %zu\n  arguments: %zu\n  export types: %d\n", nm, nflags,
		cJSON_GetArraySize(types));
	cJSON_ArrayForEach(it, types)
		fprintf(out, "    struct %s\n", rtmin_meta__str(it, "name") ? rtmin_meta__str(it, "name") : "?");
}

int rtmin_validate(struct rtmin_pkg *pkg, FILE *out)
{
	struct vctx v = { .pkg = pkg };
	struct rtmin_flags *flags;
	const cJSON *it;
	size_t nflags = 0;

	v.obj = rtmin_pkg__open_obj(pkg, NULL);
	if (!v.obj)
		return -EINVAL;
	v.btf = bpf_object__btf(v.obj);
	if (!v.btf)
		problem(&v, "the object has no BTF (.BTF section)%s%s", "", "");
	check_progs(&v);
	check_maps(&v);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(pkg->meta, "export_types"))
		check_export(&v, it);
	check_datasecs(&v);
	flags = rtmin_flags__new(pkg, v.obj);
	if (flags)
		nflags = rtmin_flags__count(flags);
	rtmin_flags__free(flags);
	if (!v.problems)
		summary(&v, out, nflags);
	bpf_object__close(v.obj);
	return v.problems ? -EINVAL : 0;
}
