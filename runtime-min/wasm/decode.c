// SPDX-License-Identifier: MIT
/*
 * The binary decoder: header, sections in order, and every index space.
 * Function bodies are only located here; wasmi_module__new() validates and
 * compiles them (validate.c). Each section has one reader in a table.
 */
#include "wasmi_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TRY(x)                                  \
	do {                                    \
		int err_ = (x);                 \
		if (err_)                       \
			return err_;            \
	} while (0)

static void *zalloc_n(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* Read a vector count and make sure the rest of the section can hold it. */
static int rd_count(struct wasmi_reader *r, uint32_t *n, size_t min_elem_size)
{
	TRY(wasmi_rd_u32(r, n));
	if ((uint64_t)*n * min_elem_size > (uint64_t)(r->end - r->p))
		return wasmi_errf(r->err, "unexpected end: %u items do not fit", *n);
	return 0;
}

static int rd_name_len(struct wasmi_reader *r, char **out, uint32_t *len)
{
	uint32_t n;

	TRY(rd_count(r, &n, 1));
	if (!wasmi_utf8_valid(r->p, n))
		return wasmi_errf(r->err, "malformed UTF-8 encoding at offset %zu",
				  (size_t)(r->p - r->base));
	*out = malloc((size_t)n + 1);
	if (!*out)
		return wasmi_errf(r->err, "out of memory");
	memcpy(*out, r->p, n);
	(*out)[n] = '\0';
	r->p += n;
	if (len)
		*len = n;
	return 0;
}

static int rd_name(struct wasmi_reader *r, char **out)
{
	return rd_name_len(r, out, NULL);
}

static int rd_valtype(struct wasmi_reader *r, uint8_t *t)
{
	TRY(wasmi_rd_u8(r, t));
	if (!wasmi_is_valtype(*t))
		return wasmi_errf(r->err, "malformed value type 0x%02x", *t);
	return 0;
}

static int rd_reftype(struct wasmi_reader *r, uint8_t *t)
{
	TRY(wasmi_rd_u8(r, t));
	if (!wasmi_is_reftype(*t))
		return wasmi_errf(r->err, "malformed reference type 0x%02x", *t);
	return 0;
}

static int rd_limits(struct wasmi_reader *r, struct wasmi_limits *l)
{
	uint8_t flags;

	TRY(wasmi_rd_u8(r, &flags));
	if (flags == 0x02 || flags == 0x03)
		return wasmi_errf(r->err, "unsupported feature: threads (shared memory)");
	if (flags >= 0x04 && flags <= 0x07)
		return wasmi_errf(r->err, "unsupported feature: memory64 (limits flags 0x%02x)", flags);
	if (flags > 1)
		return wasmi_errf(r->err, "integer too large: malformed limits flags 0x%02x", flags);
	TRY(wasmi_rd_u32(r, &l->min));
	l->has_max = flags == 1;
	l->max = UINT32_MAX;
	if (l->has_max)
		TRY(wasmi_rd_u32(r, &l->max));
	return 0;
}

static int rd_tabletype(struct wasmi_reader *r, struct wasmi_tabletype *t)
{
	TRY(rd_reftype(r, &t->elem));
	return rd_limits(r, &t->lim);
}

static int rd_globaltype(struct wasmi_reader *r, struct wasmi_globaltype *g)
{
	uint8_t mut;

	TRY(rd_valtype(r, &g->type));
	TRY(wasmi_rd_u8(r, &mut));
	if (mut > 1)
		return wasmi_errf(r->err, "malformed mutability 0x%02x", mut);
	g->mut = mut;
	return 0;
}

/* A constant expression: one instruction then `end`. Types are checked later. */
static int rd_cexpr(struct wasmi_reader *r, struct wasmi_cexpr *e)
{
	uint8_t op, end;

	memset(e, 0, sizeof(*e));
	TRY(wasmi_rd_u8(r, &op));
	switch (op) {
	case 0x41: {
		int32_t v;
		TRY(wasmi_rd_s32(r, &v));
		e->type = WASMI_I32, e->bits = (uint32_t)v;
		break;
	}
	case 0x42: {
		int64_t v;
		TRY(wasmi_rd_s64(r, &v));
		e->type = WASMI_I64, e->bits = (uint64_t)v;
		break;
	}
	case 0x43: {
		uint32_t v;
		TRY(wasmi_rd_fixed(r, &v, 4));
		e->type = WASMI_F32, e->bits = v;
		break;
	}
	case 0x44:
		TRY(wasmi_rd_fixed(r, &e->bits, 8));
		e->type = WASMI_F64;
		break;
	case 0x23:
		e->kind = CE_GLOBAL;
		TRY(wasmi_rd_u32(r, &e->index));
		break;
	case 0xd0:
		e->kind = CE_REFNULL;
		TRY(rd_reftype(r, &e->type));
		break;
	case 0xd2:
		e->kind = CE_REFFUNC, e->type = WASMI_FUNCREF;
		TRY(wasmi_rd_u32(r, &e->index));
		break;
	case 0x0b:
		return wasmi_errf(r->err, "type mismatch: empty constant expression");
	default:
		return wasmi_errf(r->err, "constant expression required (opcode 0x%02x)", op);
	}
	TRY(wasmi_rd_u8(r, &end));
	if (end != 0x0b)
		return wasmi_errf(r->err, "constant expression required (more than one instruction)");
	return 0;
}

static int sec_type(struct wasmi_module *m, struct wasmi_reader *r)
{
	TRY(rd_count(r, &m->ntypes, 3));
	m->types = zalloc_n(m->ntypes, sizeof(*m->types));
	if (!m->types)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < m->ntypes; i++) {
		struct wasmi_functype *t = &m->types[i];
		uint8_t form;
		uint32_t np, nr;

		TRY(wasmi_rd_u8(r, &form));
		if (form != 0x60)
			return wasmi_errf(r->err, "integer representation too long: malformed type form 0x%02x in type %u",
					  form, i);
		TRY(rd_count(r, &np, 1));
		t->types = malloc((size_t)np + 1);
		if (!t->types)
			return wasmi_errf(r->err, "out of memory");
		for (uint32_t k = 0; k < np; k++)
			TRY(rd_valtype(r, &t->types[k]));
		t->nparams = np;
		TRY(rd_count(r, &nr, 1));
		uint8_t *nt = realloc(t->types, (size_t)np + nr + 1);
		if (!nt)
			return wasmi_errf(r->err, "out of memory");
		t->types = nt;
		for (uint32_t k = 0; k < nr; k++)
			TRY(rd_valtype(r, &t->types[np + k]));
		t->nresults = nr;
	}
	return 0;
}

static int sig_of(struct wasmi_functype *t, struct wasmi_error *err)
{
	static const char letters[] = { [0x7f - 0x6f] = 'i', [0x7e - 0x6f] = 'I', [0x7d - 0x6f] = 'f',
					[0x7c - 0x6f] = 'F', [0x70 - 0x6f] = 'r', [0] = 'e' };
	size_t n = (size_t)t->nparams + t->nresults, k = 0;

	t->sig = malloc(n + 2);
	if (!t->sig)
		return wasmi_errf(err, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (i == t->nparams)
			t->sig[k++] = ':';
		t->sig[k++] = letters[t->types[i] - 0x6f];
	}
	if (t->nparams == n)
		t->sig[k++] = ':';
	t->sig[k] = '\0';
	return 0;
}

static int add_import_of_kind(struct wasmi_module *m, struct wasmi_reader *r, struct wasmi_import *im)
{
	switch (im->kind) {
	case WK_FUNC: {
		uint32_t ti;
		TRY(wasmi_rd_u32(r, &ti));
		if (ti >= m->ntypes)
			return wasmi_errf(r->err, "unknown type %u in import %s.%s", ti, im->module, im->name);
		im->index = m->nfuncs;
		m->func_types[m->nfuncs++] = ti;
		m->nfunc_imports++;
		return 0;
	}
	case WK_TABLE:
		im->index = m->ntables;
		m->ntable_imports++;
		return rd_tabletype(r, &m->tables[m->ntables++]);
	case WK_MEM:
		im->index = m->nmems;
		m->nmem_imports++;
		return rd_limits(r, &m->mems[m->nmems++]);
	case WK_GLOBAL:
		im->index = m->nglobals;
		m->nglobal_imports++;
		m->globals[m->nglobals].imported = true;
		return rd_globaltype(r, &m->globals[m->nglobals++]);
	}
	return wasmi_errf(r->err, "malformed import kind %u", im->kind);
}

static int sec_import(struct wasmi_module *m, struct wasmi_reader *r)
{
	TRY(rd_count(r, &m->nimports, 4));
	m->imports = zalloc_n(m->nimports, sizeof(*m->imports));
	/* each kind's space starts with the imports; sized for the worst case */
	m->func_types = zalloc_n(m->nimports, sizeof(*m->func_types));
	m->tables = zalloc_n(m->nimports, sizeof(*m->tables));
	m->mems = zalloc_n(m->nimports, sizeof(*m->mems));
	m->globals = zalloc_n(m->nimports, sizeof(*m->globals));
	if (!m->imports || !m->func_types || !m->tables || !m->mems || !m->globals)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < m->nimports; i++) {
		struct wasmi_import *im = &m->imports[i];

		TRY(rd_name(r, &im->module));
		TRY(rd_name(r, &im->name));
		TRY(wasmi_rd_u8(r, &im->kind));
		TRY(add_import_of_kind(m, r, im));
	}
	return 0;
}

/* Grow one of the index spaces that imports started by n more entries. */
static int grow_space(void **arr, uint32_t have, uint32_t n, size_t size, struct wasmi_error *err)
{
	void *p = realloc(*arr, ((size_t)have + n + 1) * size);

	if (!p)
		return wasmi_errf(err, "out of memory");
	memset((char *)p + (size_t)have * size, 0, ((size_t)n + 1) * size);
	*arr = p;
	return 0;
}

static int sec_function(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n;

	TRY(rd_count(r, &n, 1));
	TRY(grow_space((void **)&m->func_types, m->nfuncs, n, sizeof(uint32_t), r->err));
	for (uint32_t i = 0; i < n; i++)
		TRY(wasmi_rd_u32(r, &m->func_types[m->nfuncs++]));
	return 0;
}

static int sec_table(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n;

	TRY(rd_count(r, &n, 3));
	TRY(grow_space((void **)&m->tables, m->ntables, n, sizeof(*m->tables), r->err));
	for (uint32_t i = 0; i < n; i++)
		TRY(rd_tabletype(r, &m->tables[m->ntables++]));
	return 0;
}

static int sec_memory(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n;

	TRY(rd_count(r, &n, 2));
	TRY(grow_space((void **)&m->mems, m->nmems, n, sizeof(*m->mems), r->err));
	for (uint32_t i = 0; i < n; i++)
		TRY(rd_limits(r, &m->mems[m->nmems++]));
	return 0;
}

static int sec_global(struct wasmi_module *m, struct wasmi_reader *r)
{
	uint32_t n;

	TRY(rd_count(r, &n, 4));
	TRY(grow_space((void **)&m->globals, m->nglobals, n, sizeof(*m->globals), r->err));
	for (uint32_t i = 0; i < n; i++) {
		struct wasmi_globaltype *g = &m->globals[m->nglobals++];

		TRY(rd_globaltype(r, g));
		TRY(rd_cexpr(r, &g->init));
	}
	return 0;
}

static int sec_export(struct wasmi_module *m, struct wasmi_reader *r)
{
	TRY(rd_count(r, &m->nexports, 3));
	m->exports = zalloc_n(m->nexports, sizeof(*m->exports));
	if (!m->exports)
		return wasmi_errf(r->err, "out of memory");
	for (uint32_t i = 0; i < m->nexports; i++) {
		struct wasmi_export *e = &m->exports[i];

		TRY(rd_name_len(r, &e->name, &e->name_len));
		TRY(wasmi_rd_u8(r, &e->kind));
		if (e->kind > WK_GLOBAL)
			return wasmi_errf(r->err, "malformed export kind %u of \"%s\"", e->kind, e->name);
		TRY(wasmi_rd_u32(r, &e->index));
	}
	return 0;
}

static int sec_start(struct wasmi_module *m, struct wasmi_reader *r)
{
	m->has_start = true;
	return wasmi_rd_u32(r, &m->start);
}

static int sec_datacount(struct wasmi_module *m, struct wasmi_reader *r)
{
	m->has_datacount = true;
	return wasmi_rd_u32(r, &m->datacount);
}

int wasmi_decode_elem_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_code_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_data_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_custom_sec(struct wasmi_module *m, struct wasmi_reader *r);
int wasmi_decode_cexpr(struct wasmi_reader *r, struct wasmi_cexpr *e);
int wasmi_decode_reftype(struct wasmi_reader *r, uint8_t *t);

int wasmi_decode_cexpr(struct wasmi_reader *r, struct wasmi_cexpr *e)
{
	return rd_cexpr(r, e);
}

int wasmi_decode_reftype(struct wasmi_reader *r, uint8_t *t)
{
	return rd_reftype(r, t);
}

struct sec_def {
	uint8_t id;
	uint8_t order;
	const char *name;
	int (*read)(struct wasmi_module *m, struct wasmi_reader *r);
};

static const struct sec_def sec_defs[] = {
	{ 0, 0, "custom", wasmi_decode_custom_sec },
	{ 1, 1, "type", sec_type },
	{ 2, 2, "import", sec_import },
	{ 3, 3, "function", sec_function },
	{ 4, 4, "table", sec_table },
	{ 5, 5, "memory", sec_memory },
	{ 6, 6, "global", sec_global },
	{ 7, 7, "export", sec_export },
	{ 8, 8, "start", sec_start },
	{ 9, 9, "element", wasmi_decode_elem_sec },
	{ 12, 10, "data count", sec_datacount },
	{ 10, 11, "code", wasmi_decode_code_sec },
	{ 11, 12, "data", wasmi_decode_data_sec },
};

static const struct sec_def *find_sec(uint8_t id)
{
	for (size_t i = 0; i < sizeof(sec_defs) / sizeof(sec_defs[0]); i++)
		if (sec_defs[i].id == id)
			return &sec_defs[i];
	return NULL;
}

static int read_section(struct wasmi_module *m, struct wasmi_reader *r, uint8_t *last_order)
{
	const struct sec_def *def;
	struct wasmi_reader sub;
	uint8_t id;
	uint32_t size;

	TRY(wasmi_rd_u8(r, &id));
	def = find_sec(id);
	if (!def && id == 13)
		return wasmi_errf(r->err, "malformed section id 13: the tag section of exception handling, an unsupported feature");
	if (!def)
		return wasmi_errf(r->err, "malformed section id %u at offset %zu", id,
				  (size_t)(r->p - 1 - r->base));
	TRY(wasmi_rd_u32(r, &size));
	if (size > (size_t)(r->end - r->p))
		return wasmi_errf(r->err, "unexpected end: %s section size %u exceeds the module",
				  def->name, size);
	if (def->order) {
		if (def->order <= *last_order)
			return wasmi_errf(r->err, "unexpected content: %s section out of order or repeated",
					  def->name);
		*last_order = def->order;
	}
	sub = (struct wasmi_reader){ r->p, r->p + size, r->base, r->err };
	TRY(def->read(m, &sub));
	if (sub.p != sub.end)
		return wasmi_errf(r->err, "section size mismatch in %s section", def->name);
	r->p += size;
	return 0;
}

/* Index spaces the imports did not allocate still need an array. */
static int finish_spaces(struct wasmi_module *m, struct wasmi_error *err)
{
	if (!m->func_types)
		TRY(grow_space((void **)&m->func_types, 0, 0, sizeof(uint32_t), err));
	if (!m->tables)
		TRY(grow_space((void **)&m->tables, 0, 0, sizeof(*m->tables), err));
	if (!m->mems)
		TRY(grow_space((void **)&m->mems, 0, 0, sizeof(*m->mems), err));
	if (!m->globals)
		TRY(grow_space((void **)&m->globals, 0, 0, sizeof(*m->globals), err));
	for (uint32_t i = 0; i < m->ntypes; i++)
		TRY(sig_of(&m->types[i], err));
	if (m->nfuncs - m->nfunc_imports && !m->codes)
		return wasmi_errf(err, "function and code section have inconsistent lengths");
	if (m->has_datacount && m->datacount != m->ndatas)
		return wasmi_errf(err, "data count and data section have inconsistent lengths");
	return 0;
}

static int decode(struct wasmi_module *m, struct wasmi_error *err)
{
	static const uint8_t magic[4] = { 0, 'a', 's', 'm' }, version[4] = { 1, 0, 0, 0 };
	struct wasmi_reader r = { m->bytes, m->bytes + m->len, m->bytes, err };
	uint8_t last = 0;

	if (m->len < 4 || memcmp(m->bytes, magic, 4))
		return wasmi_errf(err, "magic header not detected");
	if (m->len < 8 || memcmp(m->bytes + 4, version, 4))
		return wasmi_errf(err, "unknown binary version");
	r.p += 8;
	while (r.p < r.end)
		TRY(read_section(m, &r, &last));
	return finish_spaces(m, err);
}

struct wasmi_module *wasmi_module__decode(const uint8_t *bytes, size_t len, struct wasmi_error *err)
{
	struct wasmi_module *m = calloc(1, sizeof(*m));

	if (!m)
		goto err_nomem;
	m->bytes = malloc(len ? len : 1);
	if (!m->bytes)
		goto err_free;
	if (len)
		memcpy(m->bytes, bytes, len);
	m->len = len;
	if (decode(m, err)) {
		wasmi_module__free(m);
		errno = EINVAL;
		return NULL;
	}
	return m;

err_free:
	free(m);
err_nomem:
	wasmi_errf(err, "out of memory");
	errno = ENOMEM;
	return NULL;
}
