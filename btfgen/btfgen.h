/* SPDX-License-Identifier: MIT */
/*
 * btfgen: reading BTF for package metadata (prefix btfgen_).
 *
 * - btfgen_type: C type text of a BTF type (`unsigned long long`,
 *   `char[16]`, `struct event *`), with const/volatile dropped, through
 *   libbpf's btf_dump__emit_type_decl; and the whole BTF as C (vmlinux.h).
 * - btfgen_layout: an exported struct's layout {name, members, size,
 *   type_id} as package metadata (package-format.md 2.2).
 * - btfgen_datasec: the non-static variables of a DATASEC (2.1).
 *
 * The BTF is borrowed from the caller (usually bpf_object__btf()) and must
 * outlive the btfgen_types object. Errors: 0 or a negative errno, logged
 * once here naming the struct/section; constructors return NULL + errno.
 * Returned cJSON trees and strings belong to the caller.
 */
#ifndef BTFGEN_H
#define BTFGEN_H

#include <stddef.h>
#include <linux/types.h>
#include <cJSON.h>

struct btf;
struct cmn_buf;

/* A type-text printer bound to one BTF. */
struct btfgen_types;

struct btfgen_types *btfgen_types__new(const struct btf *btf);
void btfgen_types__free(struct btfgen_types *t);
/* The BTF the printer reads (borrowed). */
const struct btf *btfgen_types__btf(const struct btfgen_types *t);

/*
 * C text of type `id` as it would be declared without a name, modifiers
 * (const/volatile/restrict) dropped. *out is malloc'd.
 */
int btfgen_types__decl(struct btfgen_types *t, __u32 id, char **out);

/*
 * Append the whole BTF as a C header (every type, in id order, guarded by
 * __VMLINUX_H__, records marked preserve_access_index for CO-RE) to out.
 */
int btfgen_type__dump_header(const struct btf *btf, struct cmn_buf *out);

/* BTF id of the struct named `name`, or a negative errno (-ENOENT). */
int btfgen_type__find_struct(const struct btf *btf, const char *name);

/*
 * The export layout of struct `name`:
 *   {"name", "members": [{"name", "type"}], "size", "type_id"}.
 * -ENOENT when the BTF has no such struct (logged).
 */
int btfgen_layout__struct(struct btfgen_types *t, const char *name, cJSON **out);

/*
 * The variables of DATASEC `datasec_id` that are not static, in section
 * order, as [{"name", "type"}].
 */
int btfgen_datasec__vars(struct btfgen_types *t, __u32 datasec_id, cJSON **out);

#endif /* BTFGEN_H */
