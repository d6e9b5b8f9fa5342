// SPDX-License-Identifier: MIT
/*
 * Field tables of the default app (struct app_field rows): how to print
 * each member of an event, a map key or a map value. Nested structs and
 * enums get auxiliary tables (aux<N>), written before the tables that point
 * to them.
 */
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "skelgen_wasm_int.h"

/* Nested structs deeper than this print as hex bytes. */
#define MAX_NEST 8

const struct btf_type *skelgen_wasm__resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	for (int n = 0; t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t)) && n < 64;
	     n++)
		t = btf__type_by_id(btf, t->type);
	return t;
}

bool skelgen_wasm__char_array(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_type *e;

	if (!btf_is_array(t))
		return false;
	e = skelgen_wasm__resolve(btf, btf_array(t)->type);
	return e && btf_is_int(e) && e->size == 1 && !(btf_int_encoding(e) & BTF_INT_BOOL);
}

bool skelgen_wasm__signed(const struct btf_type *t)
{
	if (btf_is_int(t))
		return btf_int_encoding(t) & BTF_INT_SIGNED;
	if (btf_is_enum(t)) {
		for (__u16 i = 0; i < btf_vlen(t); i++)
			if (btf_enum(t)[i].val < 0)
				return true;
	}
	return btf_kflag(t);
}

/* Kind of a scalar (or char array) type. */
static const char *scalar_kind(const struct btf *btf, const struct btf_type *t)
{
	if (!t)
		return "F_HEX";
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
		return "F_BOOL";
	if ((btf_is_int(t) || btf_is_any_enum(t)) && t->size <= 8)
		return skelgen_wasm__signed(t) ? "F_INT" : "F_UINT";
	if (btf_is_ptr(t))
		return "F_UINT";
	return skelgen_wasm__char_array(btf, t) ? "F_CHARS" : "F_HEX";
}

/* static const struct app_enum auxN[] = {{value, "NAME"}, ..., {0, NULL}}; */
static int enum_table(struct skelgen_wasm_fields *f, const struct btf_type *t)
{
	int n = f->n_aux++;

	cmn_buf__printf(&f->aux, "static const struct app_enum aux%d[] = {\n", n);
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const char *name;
		long long v;

		if (btf_is_enum(t)) {
			name = btf__name_by_offset(f->btf, btf_enum(t)[i].name_off);
			v = btf_enum(t)[i].val; /* the app compares the value's low bytes */
		} else {
			name = btf__name_by_offset(f->btf, btf_enum64(t)[i].name_off);
			v = (long long)btf_enum64_value(&btf_enum64(t)[i]);
		}
		cmn_buf__printf(&f->aux, "\t{%lldLL, ", v);
		skelgen_wasm__c_str(&f->aux, name ? name : "");
		cmn_buf__puts(&f->aux, "},\n");
	}
	cmn_buf__puts(&f->aux, "\t{0, NULL},\n};\n");
	return n;
}

/* static const struct app_field auxN[] = { members of t }; */
static int struct_table(struct skelgen_wasm_fields *f, __u32 id)
{
	struct cmn_buf rows = {0};
	int n;

	f->depth++;
	skelgen_wasm_fields__rows(f, id, "value", &rows);
	f->depth--;
	n = f->n_aux++;
	cmn_buf__printf(&f->aux, "static const struct app_field aux%d[] = {\n%s\t{0},\n};\n", n,
			rows.ptr ? rows.ptr : "");
	cmn_buf__free(&rows);
	return n;
}

/* One row: {"name", KIND, offset, size, count, aux}. */
static void field_row(struct skelgen_wasm_fields *f, struct cmn_buf *b, const char *name,
		      __u32 type, __u32 off)
{
	const struct btf_type *t = skelgen_wasm__resolve(f->btf, type), *e;
	const char *kind = scalar_kind(f->btf, t);
	__u32 count = 0;
	int aux = -1;

	if (t && btf_is_array(t) && !skelgen_wasm__char_array(f->btf, t)) {
		e = skelgen_wasm__resolve(f->btf, btf_array(t)->type);
		kind = "F_HEX";
		if (e && (btf_is_int(e) || btf_is_any_enum(e)) && e->size <= 8 &&
		    btf_array(t)->nelems) {
			kind = scalar_kind(f->btf, e);
			count = btf_array(t)->nelems;
		} else if (e && btf_is_composite(e) && btf_array(t)->nelems &&
			   f->depth < MAX_NEST) {
			/* an array of structs: a list of objects */
			kind = "F_STRUCT";
			count = btf_array(t)->nelems;
			aux = struct_table(f, btf_array(t)->type);
		}
	} else if (t && btf_is_composite(t) && f->depth < MAX_NEST) {
		kind = "F_STRUCT";
		aux = struct_table(f, type);
	} else if (t && btf_is_any_enum(t) && btf_vlen(t) && t->size <= 8) {
		kind = "F_ENUM";
		aux = enum_table(f, t);
	}
	cmn_buf__puts(b, "\t{");
	skelgen_wasm__c_str(b, name);
	cmn_buf__printf(b, ", %s, %u, %lld, %u, ", kind, off,
			(long long)btf__resolve_size(f->btf, type), count);
	if (aux >= 0)
		cmn_buf__printf(b, "aux%d, 0},\n", aux);
	else
		cmn_buf__puts(b, "NULL, 0},\n");
}

/*
 * A bitfield: {"name", F_BITS or F_SBITS, first byte, bytes covered, bits,
 * NULL, shift}; printed from the bytes it spans, as the kernel laid them out
 * (little-endian on both sides).
 */
static void bitfield_row(struct skelgen_wasm_fields *f, struct cmn_buf *b, const char *name,
			 __u32 type, __u32 bit_off, __u32 bits)
{
	const struct btf_type *t = skelgen_wasm__resolve(f->btf, type);
	__u32 shift = bit_off % 8, bytes = (shift + bits + 7) / 8;

	if (bytes > 8)
		return; /* wider than one load: not printed */
	cmn_buf__puts(b, "\t{");
	skelgen_wasm__c_str(b, name);
	cmn_buf__printf(b, ", %s, %u, %u, %u, NULL, %u},\n",
			t && skelgen_wasm__signed(t) ? "F_SBITS" : "F_BITS", bit_off / 8, bytes,
			bits, shift);
}

/* Rows for the members of composite t, at base (anonymous members flattened). */
static void member_rows(struct skelgen_wasm_fields *f, const struct btf_type *t, __u32 base,
			struct cmn_buf *rows)
{
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const struct btf_member *m = &btf_members(t)[i];
		const char *name = btf__name_by_offset(f->btf, m->name_off);
		const struct btf_type *mt = skelgen_wasm__resolve(f->btf, m->type);
		__u32 off = base + btf_member_bit_offset(t, i) / 8;

		if ((!name || !*name) && mt && btf_is_composite(mt) && f->depth < MAX_NEST) {
			/* an anonymous struct/union: its members belong to the parent */
			f->depth++;
			member_rows(f, mt, off, rows);
			f->depth--;
		} else if (!name || !*name) {
			continue; /* an anonymous bitfield (padding) */
		} else if (btf_member_bitfield_size(t, i)) {
			bitfield_row(f, rows, name, m->type, base * 8 + btf_member_bit_offset(t, i),
				     btf_member_bitfield_size(t, i));
		} else {
			field_row(f, rows, name, m->type, off);
		}
	}
}

void skelgen_wasm_fields__rows(struct skelgen_wasm_fields *f, __u32 id, const char *scalar_name,
			       struct cmn_buf *rows)
{
	const struct btf_type *t = skelgen_wasm__resolve(f->btf, id);

	if (!t || !btf_is_composite(t))
		field_row(f, rows, scalar_name, id, 0);
	else
		member_rows(f, t, 0, rows);
}
