// SPDX-License-Identifier: MIT
/*
 * LEB128 and fixed-size readers over a bounded byte range. Every reader
 * checks the end first; LEBs accept the padded forms linkers emit and reject
 * overlong encodings and set unused bits, as the spec requires.
 */
#include "wasmi_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int wasmi_errf(struct wasmi_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int rd_eof(struct wasmi_reader *r)
{
	return wasmi_errf(r->err, "unexpected end at offset %zu", (size_t)(r->end - r->base));
}

int wasmi_rd_u8(struct wasmi_reader *r, uint8_t *v)
{
	if (r->p >= r->end)
		return rd_eof(r);
	*v = *r->p++;
	return 0;
}

int wasmi_rd_fixed(struct wasmi_reader *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return rd_eof(r);
	memcpy(out, r->p, n);
	r->p += n;
	return 0;
}

/*
 * Read an LEB128 of at most `bits` bits. The last permitted byte may use only
 * the bits that fit; for signed values the rest must copy the sign bit.
 */
static int rd_leb(struct wasmi_reader *r, unsigned bits, bool sign, uint64_t *out)
{
	unsigned maxbytes = (bits + 6) / 7, shift = 0, i;
	size_t off = (size_t)(r->p - r->base);
	uint64_t v = 0;
	uint8_t b = 0;

	for (i = 0; i < maxbytes; i++) {
		if (r->p >= r->end)
			return rd_eof(r);
		b = *r->p++;
		if (i == maxbytes - 1) {
			unsigned used = bits - shift; /* bits this byte may carry */
			uint8_t extra = (uint8_t)(0x7f & ~((1u << used) - 1));

			if (b & 0x80)
				return wasmi_errf(r->err, "integer representation too long at offset %zu", off);
			if (!sign && (b & extra))
				return wasmi_errf(r->err, "integer too large at offset %zu", off);
			if (sign) {
				bool neg = b & (1u << (used - 1));
				if ((b & extra) != (neg ? extra : 0))
					return wasmi_errf(r->err, "integer too large at offset %zu", off);
			}
		}
		v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	if (sign && shift < 64 && (b & 0x40))
		v |= ~(uint64_t)0 << shift;
	*out = v;
	return 0;
}

int wasmi_rd_u32(struct wasmi_reader *r, uint32_t *v)
{
	uint64_t x;
	int err = rd_leb(r, 32, false, &x);

	*v = (uint32_t)x;
	return err;
}

int wasmi_rd_s32(struct wasmi_reader *r, int32_t *v)
{
	uint64_t x;
	int err = rd_leb(r, 32, true, &x);

	*v = (int32_t)x;
	return err;
}

int wasmi_rd_s33(struct wasmi_reader *r, int64_t *v)
{
	uint64_t x;
	int err = rd_leb(r, 33, true, &x);

	*v = (int64_t)x;
	return err;
}

int wasmi_rd_s64(struct wasmi_reader *r, int64_t *v)
{
	uint64_t x;
	int err = rd_leb(r, 64, true, &x);

	*v = (int64_t)x;
	return err;
}

bool wasmi_is_reftype(uint8_t t)
{
	return t == WASMI_FUNCREF || t == WASMI_EXTERNREF;
}

bool wasmi_is_valtype(uint8_t t)
{
	return (t >= WASMI_F64 && t <= WASMI_I32) || wasmi_is_reftype(t);
}

const char *wasmi_valtype_name(uint8_t t)
{
	switch (t) {
	case WASMI_I32: return "i32";
	case WASMI_I64: return "i64";
	case WASMI_F32: return "f32";
	case WASMI_F64: return "f64";
	case WASMI_FUNCREF: return "funcref";
	case WASMI_EXTERNREF: return "externref";
	default: return "?";
	}
}

const char *wasmi_trap_name(int kind)
{
#define WASMI_TRAP_MSG(name, msg) msg,
	static const char *const names[] = { WASMI_TRAPS(WASMI_TRAP_MSG) };
#undef WASMI_TRAP_MSG
	if (kind < 0 || kind >= WT__COUNT)
		return "trap";
	return names[kind];
}

bool wasmi_utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		size_t len;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0)
			len = 2, cp = c & 0x1f, min = 0x80;
		else if ((c & 0xf0) == 0xe0)
			len = 3, cp = c & 0x0f, min = 0x800;
		else if ((c & 0xf8) == 0xf0)
			len = 4, cp = c & 0x07, min = 0x10000;
		else
			return false;
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

