/* SPDX-License-Identifier: MIT */
/*
 * skelgen: package metadata and the package itself (prefix skelgen_).
 *
 * - skelgen_skel: the `meta` object of package-format.md section 2 from a
 *   compiled BPF object (opened in process with libbpf, never re-deriving
 *   libbpf's naming rules), the export header's struct names and the doc
 *   comments ecc_doc parsed.
 * - skelgen_pkg: package.json = {bpf_object (zlib + base64), bpf_object_size,
 *   meta}.
 *
 * Inputs are borrowed; returned cJSON trees belong to the caller. Errors: 0
 * or a negative errno, logged once here naming the map/struct/program.
 * Output is deterministic: the same inputs give the same tree, keys in the
 * order the spec lists them.
 */
#ifndef SKELGEN_H
#define SKELGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>

struct skelgen_skel_opts {
	const void *obj; /* the packaged BPF ELF object */
	size_t obj_len;
	const char *obj_name;	     /* e.g. "bootstrap_bpf" */
	char *const *export_structs; /* struct tags from the export header */
	size_t n_export_structs;
	const cJSON *doc;    /* ecc_doc__parse_source() output, or NULL */
	const char *version; /* meta.eunomia_version */
};

/*
 * Build meta = {bpf_skel: {obj_name, data_sections, maps, progs, doc?},
 * export_types, eunomia_version, enable_multiple_export_types?}.
 * Doc keys are merged: globals onto data-section variables, maps (with
 * `export: "struct NAME"` turned into export_config {btf_type_id}) onto
 * maps by identifier, progs onto programs by name, doc onto bpf_skel.doc.
 * -ENOENT (logged) when an export struct or an @export struct is missing
 * from the object's BTF.
 */
int skelgen_skel__build(const struct skelgen_skel_opts *o, cJSON **meta);

struct btf;
/*
 * Merge ecc_doc's tree into bpf_skel (done by skelgen_skel__build; exposed
 * for tests). *multi is set when maps export different structs.
 */
int skelgen_skel__merge_doc(cJSON *skel, const cJSON *doc, const struct btf *btf, bool *multi);

/* package.json's tree: {bpf_object, bpf_object_size, meta (duplicated)}. */
int skelgen_pkg__build(const void *obj, size_t obj_len, const cJSON *meta, cJSON **pkg);

#endif /* SKELGEN_H */
