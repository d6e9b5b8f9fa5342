// SPDX-License-Identifier: MIT
/*
 * The BTF half of rtmin_elf__check. libbpf 1.1 checks record sizes when it
 * parses .BTF but not the type ids and string offsets inside records; its
 * callers then dereference btf__type_by_id()/btf__name_by_offset() results
 * (NULL for a bad id) and follow modifier chains without a loop bound. So
 * here: header and section bounds, every record's size by kind, every name
 * offset, every referenced type id, no cycle that does not pass through a
 * pointer, DATASEC entries inside their ELF section, and .BTF.ext records.
 */
#include "rtmin_check_int.h"

#include <errno.h>
#include <linux/btf.h>
#include <stdlib.h>
#include <string.h>

/* The parsed view of one .BTF blob. */
struct btfv {
	const uint8_t *types;	/* start of the type section */
	const char *strs;
	uint32_t str_len;
	uint32_t nr;		/* number of types, ids 1..nr */
	uint32_t *off;		/* off[id] = offset of type id in types */
};

struct kind_info {
	uint32_t fixed;	/* bytes after struct btf_type */
	uint32_t per_vlen;	/* bytes per vlen entry */
};

/* Indexed by BTF kind: the record layout the kernel documents in btf.h. */
static const struct kind_info kinds[] = {
	[BTF_KIND_INT] = { 4, 0 },
	[BTF_KIND_PTR] = { 0, 0 },
	[BTF_KIND_ARRAY] = { sizeof(struct btf_array), 0 },
	[BTF_KIND_STRUCT] = { 0, sizeof(struct btf_member) },
	[BTF_KIND_UNION] = { 0, sizeof(struct btf_member) },
	[BTF_KIND_ENUM] = { 0, sizeof(struct btf_enum) },
	[BTF_KIND_FWD] = { 0, 0 },
	[BTF_KIND_TYPEDEF] = { 0, 0 },
	[BTF_KIND_VOLATILE] = { 0, 0 },
	[BTF_KIND_CONST] = { 0, 0 },
	[BTF_KIND_RESTRICT] = { 0, 0 },
	[BTF_KIND_FUNC] = { 0, 0 },
	[BTF_KIND_FUNC_PROTO] = { 0, sizeof(struct btf_param) },
	[BTF_KIND_VAR] = { sizeof(struct btf_var), 0 },
	[BTF_KIND_DATASEC] = { 0, sizeof(struct btf_var_secinfo) },
	[BTF_KIND_FLOAT] = { 0, 0 },
	[BTF_KIND_DECL_TAG] = { sizeof(struct btf_decl_tag), 0 },
	[BTF_KIND_TYPE_TAG] = { 0, 0 },
	[BTF_KIND_ENUM64] = { 0, sizeof(struct btf_enum64) },
};

static void get_type(const struct btfv *b, uint32_t id, struct btf_type *t)
{
	memcpy(t, b->types + b->off[id], sizeof(*t));
}

/* Bytes after the btf_type header of record `id`. */
static const uint8_t *extra(const struct btfv *b, uint32_t id)
{
	return b->types + b->off[id] + sizeof(struct btf_type);
}

static int check_hdr(struct rtmin_ck *c, const uint8_t *p, size_t len, struct btf_header *h)
{
	if (len < sizeof(*h))
		return rtmin_ck__fail(c, "BTF: %zu bytes is too short for a header", len);
	memcpy(h, p, sizeof(*h));
	if (h->magic != BTF_MAGIC)
		return rtmin_ck__fail(c, "BTF: bad magic 0x%x", h->magic);
	if (h->version != BTF_VERSION || h->flags)
		return rtmin_ck__fail(c, "BTF: unsupported version %u / flags %u", h->version, h->flags);
	if (h->hdr_len < sizeof(*h) || h->hdr_len > len)
		return rtmin_ck__fail(c, "BTF: header length %u out of range", h->hdr_len);
	len -= h->hdr_len;
	if (h->type_off % 4 || h->type_off > len || h->type_len > len - h->type_off)
		return rtmin_ck__fail(c, "BTF: type section [%u, +%u) outside %zu bytes",
				      h->type_off, h->type_len, len);
	if (h->str_off > len || h->str_len > len - h->str_off)
		return rtmin_ck__fail(c, "BTF: string section [%u, +%u) outside %zu bytes",
				      h->str_off, h->str_len, len);
	if (h->type_len % 4)
		return rtmin_ck__fail(c, "BTF: type section length %u not a multiple of 4", h->type_len);
	if (h->str_len == 0 || p[h->hdr_len + h->str_off] != '\0' ||
	    p[h->hdr_len + h->str_off + h->str_len - 1] != '\0')
		return rtmin_ck__fail(c, "BTF: string section must start and end with NUL");
	if ((uint64_t)h->type_off + h->type_len > h->str_off &&
	    (uint64_t)h->str_off + h->str_len > h->type_off)
		return rtmin_ck__fail(c, "BTF: type and string sections overlap");
	return 0;
}

/* First pass: find every record, check its size by kind and its name. */
static int index_types(struct rtmin_ck *c, struct btfv *b, uint32_t type_len)
{
	struct btf_type t;
	uint64_t pos = 0, rec;
	size_t cap = 0;
	unsigned kind;

	while (pos < type_len) {
		if (type_len - pos < sizeof(t))
			return rtmin_ck__fail(c, "BTF: truncated type record at offset %llu",
					      (unsigned long long)pos);
		memcpy(&t, b->types + pos, sizeof(t));
		kind = BTF_INFO_KIND(t.info);
		if (kind == BTF_KIND_UNKN || kind >= sizeof(kinds) / sizeof(kinds[0]))
			return rtmin_ck__fail(c, "BTF: type %u has unknown kind %u", b->nr + 1, kind);
		/* FUNC keeps its linkage (0..2) in vlen */
		if (!kinds[kind].per_vlen && BTF_INFO_VLEN(t.info) > (kind == BTF_KIND_FUNC ? 2u : 0u))
			return rtmin_ck__fail(c, "BTF: type %u of kind %u has vlen %u",
					      b->nr + 1, kind, BTF_INFO_VLEN(t.info));
		rec = sizeof(t) + kinds[kind].fixed + (uint64_t)kinds[kind].per_vlen * BTF_INFO_VLEN(t.info);
		if (rec > type_len - pos)
			return rtmin_ck__fail(c, "BTF: type %u record runs past the type section", b->nr + 1);
		if (t.name_off >= b->str_len)
			return rtmin_ck__fail(c, "BTF: type %u name offset %u past the strings (%u)",
					      b->nr + 1, t.name_off, b->str_len);
		if (b->nr + 2 > cap) {
			size_t ncap = cap ? cap * 2 : 64;
			uint32_t *n = realloc(b->off, ncap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			b->off = n;
			cap = ncap;
		}
		b->off[++b->nr] = (uint32_t)pos;
		pos += rec;
	}
	return 0;
}

static int check_id(struct rtmin_ck *c, const struct btfv *b, uint32_t from, uint32_t id)
{
	if (id > b->nr)
		return rtmin_ck__fail(c, "BTF: type %u refers to type %u, only %u exist", from, id, b->nr);
	return 0;
}

static int check_str(struct rtmin_ck *c, const struct btfv *b, uint32_t from, uint32_t off)
{
	if (off >= b->str_len)
		return rtmin_ck__fail(c, "BTF: type %u member name offset %u past the strings", from, off);
	return 0;
}

/*
 * The i-th type id record `id` refers to (struct members, params, array
 * element/index, ...). Returns false past the last one. *by_ptr marks a
 * reference through a pointer, which may legitimately close a cycle.
 */
static bool type_ref(const struct btfv *b, uint32_t id, uint32_t i, uint32_t *ref, bool *by_ptr)
{
	struct btf_type t;
	const uint8_t *x = extra(b, id);
	unsigned kind, vlen;

	get_type(b, id, &t);
	kind = BTF_INFO_KIND(t.info);
	vlen = BTF_INFO_VLEN(t.info);
	*by_ptr = kind == BTF_KIND_PTR;
	switch (kind) {
	case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST: case BTF_KIND_RESTRICT: case BTF_KIND_FUNC:
	case BTF_KIND_VAR: case BTF_KIND_DECL_TAG: case BTF_KIND_TYPE_TAG:
		*ref = t.type;
		return i == 0;
	case BTF_KIND_ARRAY:
		if (i > 1)
			return false;
		*ref = rtmin_rd32(x + (i == 0 ? offsetof(struct btf_array, type)
					      : offsetof(struct btf_array, index_type)));
		return true;
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		if (i >= vlen)
			return false;
		*ref = rtmin_rd32(x + i * sizeof(struct btf_member) + offsetof(struct btf_member, type));
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (i > vlen)
			return false;
		*ref = i == 0 ? t.type
			      : rtmin_rd32(x + (i - 1) * sizeof(struct btf_param) +
					   offsetof(struct btf_param, type));
		return true;
	case BTF_KIND_DATASEC:
		if (i >= vlen)
			return false;
		*ref = rtmin_rd32(x + i * sizeof(struct btf_var_secinfo));
		return true;
	default:
		return false;
	}
}

/* The names inside a record: members, enumerators, parameters. */
static int check_member_names(struct rtmin_ck *c, const struct btfv *b, uint32_t id)
{
	const uint8_t *x = extra(b, id);
	struct btf_type t;
	uint32_t i, stride;
	int err;

	get_type(b, id, &t);
	switch (BTF_INFO_KIND(t.info)) {
	case BTF_KIND_STRUCT: case BTF_KIND_UNION: stride = sizeof(struct btf_member); break;
	case BTF_KIND_ENUM: stride = sizeof(struct btf_enum); break;
	case BTF_KIND_ENUM64: stride = sizeof(struct btf_enum64); break;
	case BTF_KIND_FUNC_PROTO: stride = sizeof(struct btf_param); break;
	default: return 0;
	}
	/* name_off is the first field of each of these entries */
	for (i = 0; i < BTF_INFO_VLEN(t.info); i++) {
		err = check_str(c, b, id, rtmin_rd32(x + i * stride));
		if (err)
			return err;
	}
	return 0;
}

/* Kind-specific rules libbpf's callers rely on. */
static int check_kind_rules(struct rtmin_ck *c, const struct btfv *b, uint32_t id)
{
	const uint8_t *x = extra(b, id);
	struct btf_type t, r;
	uint32_t v, i, ref;

	get_type(b, id, &t);
	switch (BTF_INFO_KIND(t.info)) {
	case BTF_KIND_INT:
		v = rtmin_rd32(x);
		if (BTF_INT_BITS(v) > 128 || BTF_INT_OFFSET(v) + BTF_INT_BITS(v) > 128 ||
		    t.size > 16 || BTF_INT_BITS(v) + BTF_INT_OFFSET(v) > t.size * 8)
			return rtmin_ck__fail(c, "BTF: type %u: integer bits %u+%u do not fit %u bytes",
					      id, BTF_INT_OFFSET(v), BTF_INT_BITS(v), t.size);
		break;
	case BTF_KIND_DATASEC:
		for (i = 0; i < BTF_INFO_VLEN(t.info); i++) {
			ref = rtmin_rd32(x + i * sizeof(struct btf_var_secinfo));
			if (ref == 0)
				return rtmin_ck__fail(c, "BTF: DATASEC %u entry %u has no variable", id, i);
			get_type(b, ref, &r);
			if (BTF_INFO_KIND(r.info) != BTF_KIND_VAR && BTF_INFO_KIND(r.info) != BTF_KIND_FUNC)
				return rtmin_ck__fail(c, "BTF: DATASEC %u entry %u is type %u, not a VAR",
						      id, i, ref);
		}
		break;
	case BTF_KIND_FUNC:
		if (t.type != 0)	/* id 0 is void: no record to read */
			get_type(b, t.type, &r);
		if (t.type == 0 || BTF_INFO_KIND(r.info) != BTF_KIND_FUNC_PROTO)
			return rtmin_ck__fail(c, "BTF: function %u has type %u, not a prototype", id, t.type);
		break;
	case BTF_KIND_DECL_TAG:
		if ((int32_t)rtmin_rd32(x) < -1)
			return rtmin_ck__fail(c, "BTF: decl tag %u component %d", id, (int32_t)rtmin_rd32(x));
		break;
	default:
		break;
	}
	return 0;
}

/* DATASEC entries must lie inside the ELF section of the same name. */
static int check_datasec_bounds(struct rtmin_ck *c, const struct btfv *b, uint32_t id)
{
	const uint8_t *x = extra(b, id);
	struct btf_var_secinfo vs;
	struct btf_type t;
	uint64_t size;
	uint32_t i;

	get_type(b, id, &t);
	if (BTF_INFO_KIND(t.info) != BTF_KIND_DATASEC ||
	    !rtmin_ck__sec_size(c, b->strs + t.name_off, &size))
		return 0;
	for (i = 0; i < BTF_INFO_VLEN(t.info); i++) {
		memcpy(&vs, x + i * sizeof(vs), sizeof(vs));
		if ((uint64_t)vs.offset + vs.size > size)
			return rtmin_ck__fail(c, "BTF: DATASEC %s entry %u [%u, +%u) outside the %llu-byte section",
					      b->strs + t.name_off, i, vs.offset, vs.size,
					      (unsigned long long)size);
	}
	return 0;
}

static int check_refs(struct rtmin_ck *c, const struct btfv *b)
{
	uint32_t id, i, ref;
	bool by_ptr;
	int err;

	for (id = 1; id <= b->nr; id++) {
		for (i = 0; type_ref(b, id, i, &ref, &by_ptr); i++) {
			err = check_id(c, b, id, ref);
			if (err)
				return err;
		}
		err = check_member_names(c, b, id);
		if (!err)
			err = check_kind_rules(c, b, id);
		if (!err)
			err = check_datasec_bounds(c, b, id);
		if (err)
			return err;
	}
	return 0;
}

/*
 * No cycle of non-pointer references (typedef loops, a struct containing
 * itself): libbpf's skip_mods_and_typedefs() and size resolution would spin
 * or recurse forever. Iterative DFS with colours, so deep chains cannot
 * overflow our stack.
 */
static int check_cycles(struct rtmin_ck *c, const struct btfv *b)
{
	struct frame { uint32_t id, next; } *stack;
	uint8_t *colour;
	uint32_t root, ref, sp;
	bool by_ptr;
	int err = 0;

	colour = calloc(b->nr + 1, 1);
	stack = calloc(b->nr + 1, sizeof(*stack));
	if (!colour || !stack) {
		err = -ENOMEM;
		goto out;
	}
	for (root = 1; root <= b->nr && !err; root++) {
		if (colour[root])
			continue;
		sp = 0;
		stack[sp++] = (struct frame){ root, 0 };
		colour[root] = 1;
		while (sp && !err) {
			struct frame *f = &stack[sp - 1];

			if (!type_ref(b, f->id, f->next++, &ref, &by_ptr)) {
				colour[f->id] = 2;
				sp--;
			} else if (ref && !by_ptr && colour[ref] == 1) {
				err = rtmin_ck__fail(c, "BTF: type %u is part of a reference cycle", ref);
			} else if (ref && !by_ptr && colour[ref] == 0) {
				colour[ref] = 1;
				stack[sp++] = (struct frame){ ref, 0 };
			}
		}
	}
out:
	free(colour);
	free(stack);
	return err;
}

struct ext_sec {
	const char *what;
	uint32_t off, len, min_rec;
};

/* One record of .BTF.ext: type ids and string offsets inside it. */
static int check_ext_rec(struct rtmin_ck *c, const struct btfv *b, const struct ext_sec *s,
			 const uint8_t *r, uint64_t sec_size, bool have_sec)
{
	uint32_t insn_off = rtmin_rd32(r);

	if (insn_off % 8 || (have_sec && insn_off >= sec_size))
		return rtmin_ck__fail(c, "BTF.ext: %s record at instruction offset %u outside its section",
				      s->what, insn_off);
	if (s->min_rec == 8 && rtmin_rd32(r + 4) > b->nr) /* func_info: type_id */
		return rtmin_ck__fail(c, "BTF.ext: func_info names type %u of %u", rtmin_rd32(r + 4), b->nr);
	if (s->min_rec == 16 && s->what[0] == 'l' &&	/* line_info: file, line strings */
	    (rtmin_rd32(r + 4) >= b->str_len || rtmin_rd32(r + 8) >= b->str_len))
		return rtmin_ck__fail(c, "BTF.ext: line_info string offset past the strings");
	if (s->min_rec == 16 && s->what[0] == 'c') {	/* core_relo: type, access string, kind */
		if (rtmin_rd32(r + 4) > b->nr || rtmin_rd32(r + 4) == 0)
			return rtmin_ck__fail(c, "BTF.ext: CO-RE relocation names type %u of %u",
					      rtmin_rd32(r + 4), b->nr);
		if (rtmin_rd32(r + 8) >= b->str_len)
			return rtmin_ck__fail(c, "BTF.ext: CO-RE access string offset past the strings");
		if (rtmin_rd32(r + 12) > 12)
			return rtmin_ck__fail(c, "BTF.ext: unknown CO-RE relocation kind %u", rtmin_rd32(r + 12));
	}
	return 0;
}

static int check_ext_sec(struct rtmin_ck *c, const struct btfv *b, const uint8_t *p,
			 const struct ext_sec *s)
{
	uint32_t rec, name, num, i;
	uint64_t pos = 4, sec_size = 0;
	bool have;
	int err;

	if (s->len == 0)
		return 0;
	if (s->len < 4)
		return rtmin_ck__fail(c, "BTF.ext: %s section of %u bytes", s->what, s->len);
	rec = rtmin_rd32(p);
	if (rec < s->min_rec || rec % 4 || rec > 1024)
		return rtmin_ck__fail(c, "BTF.ext: %s record size %u", s->what, rec);
	while (pos < s->len) {
		if (s->len - pos < 8)
			return rtmin_ck__fail(c, "BTF.ext: truncated %s section header", s->what);
		name = rtmin_rd32(p + pos);
		num = rtmin_rd32(p + pos + 4);
		pos += 8;
		if (name >= b->str_len || num == 0 || (uint64_t)num * rec > s->len - pos)
			return rtmin_ck__fail(c, "BTF.ext: bad %s section (name %u, %u records)",
					      s->what, name, num);
		have = rtmin_ck__sec_size(c, b->strs + name, &sec_size);
		for (i = 0; i < num; i++, pos += rec) {
			err = check_ext_rec(c, b, s, p + pos, sec_size, have);
			if (err)
				return err;
		}
	}
	return 0;
}

static int check_ext(struct rtmin_ck *c, const struct btfv *b, const uint8_t *p, size_t len)
{
	struct ext_sec secs[3] = {
		{ "func_info", 0, 0, 8 }, { "line_info", 0, 0, 16 }, { "core_relo", 0, 0, 16 },
	};
	uint32_t hdr_len, nsec, i;
	int err;

	if (len < 8 || rtmin_rd16(p) != BTF_MAGIC || p[2] != 1 || p[3] != 0)
		return rtmin_ck__fail(c, "BTF.ext: bad header");
	hdr_len = rtmin_rd32(p + 4);
	if (hdr_len < 24 || hdr_len > len || hdr_len % 4)
		return rtmin_ck__fail(c, "BTF.ext: header length %u out of range", hdr_len);
	nsec = hdr_len >= 32 ? 3 : 2;
	for (i = 0; i < nsec; i++) {
		secs[i].off = rtmin_rd32(p + 8 + i * 8);
		secs[i].len = rtmin_rd32(p + 12 + i * 8);
		if (secs[i].off % 4 || secs[i].off > len - hdr_len ||
		    secs[i].len > len - hdr_len - secs[i].off)
			return rtmin_ck__fail(c, "BTF.ext: %s [%u, +%u) outside %zu bytes",
					      secs[i].what, secs[i].off, secs[i].len, len - hdr_len);
		err = check_ext_sec(c, b, p + hdr_len + secs[i].off, &secs[i]);
		if (err)
			return err;
	}
	return 0;
}

int rtmin_btf__check(struct rtmin_ck *c, const uint8_t *btf, size_t btf_len,
		     const uint8_t *ext, size_t ext_len)
{
	struct btf_header h;
	struct btfv b = { 0 };
	int err;

	err = check_hdr(c, btf, btf_len, &h);
	if (err)
		return err;
	b.types = btf + h.hdr_len + h.type_off;
	b.strs = (const char *)btf + h.hdr_len + h.str_off;
	b.str_len = h.str_len;
	err = index_types(c, &b, h.type_len);
	if (!err && b.nr)
		err = check_refs(c, &b);
	if (!err && b.nr)
		err = check_cycles(c, &b);
	if (!err && ext)
		err = check_ext(c, &b, ext, ext_len);
	free(b.off);
	return err;
}
