// SPDX-License-Identifier: MIT
/*
 * Decoder, second half: element, code, data and custom sections (the name
 * section gives traps readable function names).
 */
#include "wasmi_internal.h"

#include <stdlib.h>
#include <string.h>

#define TRY(x)                                  \
	do {                                    \
		int err_ = (x);                 \
		if (err_)                       \
			return err_;            \
	} while (0)

int wasmi_decode_elem_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_code_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_data_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_custom_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_cexpr(struct wasmi_reader *r, struct wasmi_cexpr *e);
int wasmi_decode_reftype(struct wasmi_reader *r, uint8_t *t);

static int rd_count(struct wasmi_reader *r, uint32_t *n, size_t min_elem_size)
{
	TRY(wasmi_rd_u32(r, n));
	if ((uint64_t)*n * min_elem_size > (uint64_t)(r->end - r->p))
		return wasmi_errf(r->err, "unexpected end: %u items do not fit", *n);
	return 0;
}

/* The items of a segment: function indices (flags 0-3) or expressions (4-7). */
static int rd_elem_items(struct wasmi_reader *r, struct wasmi_elem *e, bool exprs)
{
	TRY(rd_count(r, &e->cnt, 1));
	e->items = calloc(e->cnt ? e->cnt : 1, sizeof(*e->items));
	if (!e->items)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < e->cnt; i++) {
		struct wasmi_cexpr *it = &e->items[i];

		if (exprs) {
			TRY(wasmi_decode_cexpr(r, it));
			continue;
		}
		it->kind = CE_REFFUNC;
		it->type = WASMI_FUNCREF;
		TRY(wasmi_rd_u32(r, &it->index));
	}
	return 0;
}

static int rd_elem(struct wasmi_reader *r, struct wasmi_elem *e)
{
	uint32_t flags;
	uint8_t kind;

	TRY(wasmi_rd_u32(r, &flags));
	if (flags > 7)
		return wasmi_errf(r->err, "malformed elements segment kind %u", flags);
	e->mode = (flags & 1) ? ((flags & 2) ? SEG_DECLARATIVE : SEG_PASSIVE) : SEG_ACTIVE;
	e->type = WASMI_FUNCREF;
	if ((flags & 3) == 2)
		TRY(wasmi_rd_u32(r, &e->table));
	if (e->mode == SEG_ACTIVE)
		TRY(wasmi_decode_cexpr(r, &e->offset));
	if (flags & 3) {
		if (flags & 4) {
			TRY(wasmi_decode_reftype(r, &e->type));
		} else {
			TRY(wasmi_rd_u8(r, &kind));
			if (kind != 0)
				return wasmi_errf(r->err, "malformed element kind 0x%02x", kind);
		}
	}
	return rd_elem_items(r, e, flags & 4);
}

int wasmi_decode_elem_sec(struct wasmi_module *m, struct wasmi_reader *r)
{
	TRY(rd_count(r, &m->nelems, 2));
	m->elems = calloc(m->nelems ? m->nelems : 1, sizeof(*m->elems));
	if (!m->elems)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < m->nelems; i++)
		TRY(rd_elem(r, &m->elems[i]));
	return 0;
}

/* Check the local declarations: their total must fit in 32 bits. */
static int check_locals(struct wasmi_reader *r, uint32_t fi)
{
	uint32_t ngroups, n;
	uint64_t total = 0;
	uint8_t t;

	TRY(rd_count(r, &ngroups, 2));
	for (uint32_t g = 0; g < ngroups; g++) {
		TRY(wasmi_rd_u32(r, &n));
		TRY(wasmi_rd_u8(r, &t));
		if (!wasmi_is_valtype(t))
			return wasmi_errf(r->err, "malformed value type 0x%02x in locals of function %u",
					  t, fi);
		total += n;
		if (total > UINT32_MAX)
			return wasmi_errf(r->err, "too many locals in function %u", fi);
	}
	return 0;
}

int wasmi_decode_code_sec(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n, ndef = m->nfuncs - m->nfunc_imports;

	TRY(rd_count(r, &n, 2));
	if (n != ndef)
		return wasmi_errf(r->err, "function and code section have inconsistent lengths (%u vs %u)",
				  ndef, n);
	m->codes = calloc(n ? n : 1, sizeof(*m->codes));
	if (!m->codes)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		struct wasmi_code *c = &m->codes[i];
		struct wasmi_reader body;
		uint32_t size;

		TRY(wasmi_rd_u32(r, &size));
		if (size > (size_t)(r->end - r->p))
			return wasmi_errf(r->err, "unexpected end: body of function %u",
					  m->nfunc_imports + i);
		c->body = r->p;
		c->body_len = size;
		c->index = m->nfunc_imports + i;
		c->type = m->func_types[c->index];
		body = (struct wasmi_reader){ r->p, r->p + size, r->base, r->err };
		TRY(check_locals(&body, c->index));
		r->p += size;
	}
	return 0;
}

int wasmi_decode_data_sec(struct wasmi_module *m, struct wasmi_reader *r)
{
	TRY(rd_count(r, &m->ndatas, 1));
	m->datas = calloc(m->ndatas ? m->ndatas : 1, sizeof(*m->datas));
	if (!m->datas)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < m->ndatas; i++) {
		struct wasmi_data *d = &m->datas[i];
		uint32_t flags;

		TRY(wasmi_rd_u32(r, &flags));
		if (flags > 2)
			return wasmi_errf(r->err, "malformed data segment kind %u", flags);
		d->mode = flags == 1 ? SEG_PASSIVE : SEG_ACTIVE;
		if (flags == 2)
			TRY(wasmi_rd_u32(r, &d->mem));
		if (d->mode == SEG_ACTIVE)
			TRY(wasmi_decode_cexpr(r, &d->offset));
		TRY(rd_count(r, &d->len, 1));
		d->bytes = r->p;
		r->p += d->len;
	}
	return 0;
}

/* Function names (subsection 1); a malformed name section is ignored. */
static void read_func_names(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n, idx, len;

	if (wasmi_rd_u32(r, &n))
		return;
	for (uint32_t i = 0; i < n; i++) {
		if (wasmi_rd_u32(r, &idx) || wasmi_rd_u32(r, &len) || len > (size_t)(r->end - r->p))
			return;
		if (idx < m->nfuncs && !m->func_names[idx]) {
			m->func_names[idx] = strndup((const char *)r->p, len);
		}
		r->p += len;
	}
}

static void read_name_sec(struct wasmi_module *m, struct wasmi_reader *r)
{
	struct wasmi_error quiet;
	struct wasmi_reader sub;
	uint8_t id;
	uint32_t size;

	r->err = &quiet;
	if (m->func_names || !m->nfuncs)
		return;
	m->func_names = calloc(m->nfuncs, sizeof(char *));
	if (!m->func_names)
		return;
	while (r->p < r->end) {
		if (wasmi_rd_u8(r, &id) || wasmi_rd_u32(r, &size) || size > (size_t)(r->end - r->p))
			return;
		sub = (struct wasmi_reader){ r->p, r->p + size, r->base, &quiet };
		if (id == 1)
			read_func_names(m, &sub);
		r->p += size;
	}
}

int wasmi_decode_custom_sec(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n;
	struct wasmi_reader rest;

	TRY(rd_count(r, &n, 1));
	const uint8_t *name = r->p;
	if (!wasmi_utf8_valid(name, n))
		return wasmi_errf(r->err, "malformed UTF-8 encoding in custom section name");
	r->p += n;
	rest = (struct wasmi_reader){ r->p, r->end, r->base, r->err };
	if (n == 4 && !memcmp(name, "name", 4))
		read_name_sec(m, &rest);
	r->p = r->end;
	return 0;
}
