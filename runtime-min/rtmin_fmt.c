// SPDX-License-Identifier: MIT
/*
 * Values decoded with BTF: integers of every width (128-bit ones as decimal
 * strings), bool, enums as "NAME(value)", char arrays as strings, floats,
 * pointers, nested structs/unions/arrays. One handler per BTF kind (a
 * table); every read is bounds-checked against the record length, since a
 * record comes from the kernel but its layout from an untrusted package.
 */
#include "rtmin_int.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#define MAX_DEPTH 32

struct fmt_ctx {
	struct cmn_buf *b;
	const struct btf *btf;
	enum rtmin_fmt_mode mode;
	int depth;
};

static int fmt_any(struct fmt_ctx *c, uint32_t id, const uint8_t *d, size_t len, bool top);

const struct btf_type *rtmin_btf__skip(const struct btf *btf, uint32_t id, uint32_t *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int n = 0;

	while (t && n++ < MAX_DEPTH &&
	       (btf_is_typedef(t) || btf_is_mod(t) || btf_kind(t) == BTF_KIND_TYPE_TAG)) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res)
		*res = id;
	return n >= MAX_DEPTH ? NULL : t;
}

void rtmin_fmt__json_str(struct cmn_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[7] = "\\u00";
	size_t i, run = 0;

	cmn_buf__append(b, "\"", 1);
	for (i = 0; i < n && s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
			run++;
			continue;
		}
		cmn_buf__append(b, s + i - run, run);
		run = 0;
		if (ch == '"' || ch == '\\') {
			char two[2] = { '\\', (char)ch };

			cmn_buf__append(b, two, 2);
		} else {
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			cmn_buf__append(b, esc, 6);
		}
	}
	cmn_buf__append(b, s + i - run, run);
	cmn_buf__append(b, "\"", 1);
}

static void put_u128(struct cmn_buf *b, unsigned __int128 v, bool neg)
{
	char tmp[48];
	int i = sizeof(tmp);
	uint64_t v64;

	/* 128-bit division is a library call: the hot path (every event's
	 * integers) stays in 64 bits */
	while (v > UINT64_MAX) {
		tmp[--i] = (char)('0' + (int)(v % 10));
		v /= 10;
	}
	v64 = (uint64_t)v;
	do {
		tmp[--i] = (char)('0' + (int)(v64 % 10));
		v64 /= 10;
	} while (v64);
	if (neg)
		tmp[--i] = '-';
	cmn_buf__append(b, tmp + i, sizeof(tmp) - (size_t)i);
}

/* Read an unsigned little-endian integer of `size` bytes (host order). */
static unsigned __int128 rd_uint(const uint8_t *d, size_t size)
{
	unsigned __int128 v = 0;
	uint64_t lo = 0, hi = 0;

	switch (size) {
	case 1: return d[0];
	case 2: { uint16_t x; memcpy(&x, d, 2); return x; }
	case 4: { uint32_t x; memcpy(&x, d, 4); return x; }
	case 8: memcpy(&lo, d, 8); return lo;
	case 16: memcpy(&lo, d, 8); memcpy(&hi, d + 8, 8); v = hi; return (v << 64) | lo;
	default: return 0;
	}
}

static int fmt_int_val(struct fmt_ctx *c, const struct btf_type *t, unsigned __int128 u)
{
	uint32_t enc = btf_int_encoding(t), bits = btf_int_bits(t);
	bool json = c->mode == RTMIN_FMT_JSON, big = bits > 64;

	if (enc & BTF_INT_BOOL)
		return cmn_buf__puts(c->b, u ? "true" : "false");
	if (bits < 128)
		u &= ((unsigned __int128)1 << bits) - 1;
	if (json && big)
		cmn_buf__append(c->b, "\"", 1);
	if ((enc & BTF_INT_SIGNED) && bits && ((u >> (bits - 1)) & 1)) {
		unsigned __int128 mag = (bits < 128 ? ((unsigned __int128)1 << bits) : 0) - u;

		put_u128(c->b, mag, true);
	} else {
		put_u128(c->b, u, false);
	}
	if (json && big)
		cmn_buf__append(c->b, "\"", 1);
	return 0;
}

static int fmt_int(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		  bool top)
{
	if (t->size > len || t->size > 16 || (t->size & (t->size - 1)))
		return -EINVAL;
	return fmt_int_val(c, t, rd_uint(d, t->size) >> btf_int_offset(t));
}

static int fmt_float(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		    bool top)
{
	double v;

	if (t->size > len)
		return -EINVAL;
	if (t->size == 4) {
		float f;

		memcpy(&f, d, 4);
		v = f;
	} else if (t->size == 8) {
		memcpy(&v, d, 8);
	} else {
		return cmn_buf__puts(c->b, c->mode == RTMIN_FMT_JSON ? "null" : "?");
	}
	if (c->mode == RTMIN_FMT_JSON && !isfinite(v))
		return cmn_buf__puts(c->b, "null");
	return cmn_buf__printf(c->b, t->size == 4 ? "%.9g" : "%.17g", v);
}

/* "NAME(value)" for a known enumerator, the bare value otherwise. */
static int fmt_enum(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		   bool top)
{
	bool is_signed = btf_kflag(t);
	int64_t sv = 0;
	const char *name = NULL;
	unsigned i;

	if (t->size > len || (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8))
		return -EINVAL;
	sv = (int64_t)(uint64_t)rd_uint(d, t->size);
	if (is_signed && t->size < 8 && (sv >> (t->size * 8 - 1)) & 1)
		sv -= (int64_t)1 << (t->size * 8);
	for (i = 0; i < btf_vlen(t) && !name; i++) {
		if (btf_is_enum(t) && (is_signed ? (int64_t)btf_enum(t)[i].val
						 : (int64_t)(uint32_t)btf_enum(t)[i].val) == sv)
			name = btf__name_by_offset(c->btf, btf_enum(t)[i].name_off);
		else if (btf_is_enum64(t) && (int64_t)btf_enum64_value(btf_enum64(t) + i) == sv)
			name = btf__name_by_offset(c->btf, btf_enum64(t)[i].name_off);
	}
	if (!name)
		return cmn_buf__printf(c->b, is_signed ? "%" PRId64 : "%" PRIu64, sv);
	if (c->mode == RTMIN_FMT_JSON)
		return cmn_buf__printf(c->b, "\"%s(%" PRId64 ")\"", name, sv);
	return cmn_buf__printf(c->b, "%s(%" PRId64 ")", name, sv);
}

static bool is_char_type(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = rtmin_btf__skip(btf, id, NULL);
	const char *n;

	if (!t || !btf_is_int(t) || t->size != 1)
		return false;
	n = btf__name_by_offset(btf, t->name_off);
	return (btf_int_encoding(t) & BTF_INT_CHAR) || (n && strcmp(n, "char") == 0);
}

static int fmt_array(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		     bool top)
{
	const struct btf_array *a = btf_array(t);
	__s64 esz = btf__resolve_size(c->btf, a->type);
	uint32_t i;
	int err = 0;

	if (esz < 0 || (uint64_t)esz * a->nelems > len)
		return -EINVAL;
	if (is_char_type(c->btf, a->type)) {
		if (c->mode == RTMIN_FMT_PLAIN && top)
			return cmn_buf__append(c->b, d, strnlen((const char *)d, a->nelems));
		rtmin_fmt__json_str(c->b, (const char *)d, a->nelems);
		return 0;
	}
	cmn_buf__append(c->b, "[", 1);
	for (i = 0; i < a->nelems && !err; i++) {
		if (i)
			cmn_buf__append(c->b, ",", 1);
		err = fmt_any(c, a->type, d + i * esz, len - i * esz, false);
	}
	cmn_buf__append(c->b, "]", 1);
	return err;
}

/* A bitfield member: extract its bits from the containing bytes. */
static int fmt_bitfield(struct fmt_ctx *c, uint32_t id, const uint8_t *d, size_t len,
			uint32_t bit_off, uint32_t bits)
{
	const struct btf_type *t = rtmin_btf__skip(c->btf, id, NULL);
	unsigned __int128 v = 0;
	size_t nbytes = (bit_off % 8 + bits + 7) / 8, i;

	if (!t || bits > 64 || bit_off / 8 + nbytes > len)
		return -EINVAL;
	for (i = 0; i < nbytes; i++)
		v |= (unsigned __int128)d[bit_off / 8 + i] << (8 * i);
	v = (v >> (bit_off % 8)) & (((unsigned __int128)1 << bits) - 1);
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_SIGNED) && ((v >> (bits - 1)) & 1))
		return cmn_buf__printf(c->b, "%" PRId64, (int64_t)(uint64_t)v - ((int64_t)1 << bits));
	return cmn_buf__printf(c->b, "%" PRIu64, (uint64_t)v);
}

static int fmt_struct(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		     bool top)
{
	const struct btf_member *m = btf_members(t);
	unsigned i;
	int err = 0;

	if (t->size > len)
		return -EINVAL;
	cmn_buf__append(c->b, "{", 1);
	for (i = 0; i < btf_vlen(t) && !err; i++, m++) {
		uint32_t off = btf_member_bit_offset(t, i), bits = btf_member_bitfield_size(t, i);

		if (i)
			cmn_buf__append(c->b, ",", 1);
		rtmin_fmt__json_str(c->b, btf__name_by_offset(c->btf, m->name_off), (size_t)-1);
		cmn_buf__append(c->b, ":", 1);
		if (bits || off % 8)
			err = fmt_bitfield(c, m->type, d, t->size, off, bits);
		else if (off / 8 > t->size)
			err = -EINVAL;
		else
			err = fmt_any(c, m->type, d + off / 8, t->size - off / 8, false);
	}
	cmn_buf__append(c->b, "}", 1);
	return err;
}

static int fmt_ptr(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		   bool top)
{
	if (len < 8)
		return -EINVAL;
	return cmn_buf__printf(c->b, "%" PRIu64, (uint64_t)rd_uint(d, 8));
}

typedef int (*fmt_fn)(struct fmt_ctx *c, const struct btf_type *t, const uint8_t *d, size_t len,
		      bool top);

/* BTF kind -> formatter (after typedefs and modifiers are skipped). */
static const fmt_fn kind_fmt[NR_BTF_KINDS] = {
	[BTF_KIND_INT] = fmt_int,
	[BTF_KIND_PTR] = fmt_ptr,
	[BTF_KIND_ARRAY] = fmt_array,
	[BTF_KIND_STRUCT] = fmt_struct,
	[BTF_KIND_UNION] = fmt_struct,
	[BTF_KIND_ENUM] = fmt_enum,
	[BTF_KIND_ENUM64] = fmt_enum,
	[BTF_KIND_FLOAT] = fmt_float,
};

static int fmt_any(struct fmt_ctx *c, uint32_t id, const uint8_t *d, size_t len, bool top)
{
	const struct btf_type *t = rtmin_btf__skip(c->btf, id, NULL);
	fmt_fn fn = t && btf_kind(t) < NR_BTF_KINDS ? kind_fmt[btf_kind(t)] : NULL;
	int err;

	if (!fn || c->depth >= MAX_DEPTH)
		return -EINVAL;
	c->depth++;
	err = fn(c, t, d, len, top);
	c->depth--;
	return err;
}

int rtmin_fmt__value(struct cmn_buf *b, const struct btf *btf, uint32_t id, const void *data,
		     size_t len, enum rtmin_fmt_mode mode)
{
	struct fmt_ctx c = { .b = b, .btf = btf, .mode = mode };

	return fmt_any(&c, id, data, len, true);
}
