// SPDX-License-Identifier: MIT
/*
 * Validation, part three: the 0xfc-prefixed instructions (saturating
 * conversions, bulk memory, tables), module-level rules (limits, constant
 * expressions, exports, segments, start) and wasmi_module__new().
 */
#include "vctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int wasmi_v_misc_numeric(struct vctx *v, uint32_t sub);
struct wasmi_module *wasmi_module__decode(const uint8_t *bytes, size_t len, struct wasmi_error *err);

static int need_table(struct vctx *v, uint32_t t)
{
	return t < v->m->ntables ? 0 : v_fail(v, "unknown table %u", t);
}

static int need_elem(struct vctx *v, uint32_t e)
{
	return e < v->m->nelems ? 0 : v_fail(v, "unknown elem segment %u", e);
}

static int need_data(struct vctx *v, uint32_t d)
{
	if (!v->m->has_datacount)
		return v_fail(v, "data count section required");
	return d < v->m->datacount ? 0 : v_fail(v, "unknown data segment %u", d);
}

static int need_mem_byte(struct vctx *v)
{
	uint8_t zero;

	TRY(wasmi_rd_u8(&v->r, &zero));
	if (zero)
		return v_fail(v, "zero byte expected");
	return v->m->nmems ? 0 : v_fail(v, "unknown memory 0");
}

static int pops(struct vctx *v, const uint8_t *types, int n)
{
	for (int i = n; i-- > 0;)
		TRY(v_pop(v, types[i], NULL));
	return 0;
}

/* Emit op with the three popped operands as (x, y), (z, extra). */
static void emit3(struct vctx *v, int op, uint32_t extra, bool extra_cell, uint64_t cell3)
{
	size_t pos = v->nvals;
	uint32_t x = v_slot(v, pos), y = v_slot(v, pos + 1), z = v_slot(v, pos + 2);

	v_emit(v, op);
	v_imm2(v, x, y);
	v_imm2(v, z, extra);
	if (extra_cell)
		v_imm(v, cell3);
}

static int misc_memory(struct vctx *v, uint32_t sub)
{
	static const uint8_t iii[] = { WASMI_I32, WASMI_I32, WASMI_I32 };
	uint32_t idx = 0;

	switch (sub) {
	case 8:
		TRY(wasmi_rd_u32(&v->r, &idx));
		TRY(need_mem_byte(v));
		TRY(need_data(v, idx));
		TRY(pops(v, iii, 3));
		if (v_live(v))
			emit3(v, OP_MEMORY_INIT, idx, false, 0);
		return 0;
	case 9:
		TRY(wasmi_rd_u32(&v->r, &idx));
		TRY(need_data(v, idx));
		if (v_live(v)) {
			v_emit(v, OP_DATA_DROP);
			v_imm(v, idx);
		}
		return 0;
	case 10:
		TRY(need_mem_byte(v));
		TRY(need_mem_byte(v));
		TRY(pops(v, iii, 3));
		if (v_live(v))
			emit3(v, OP_MEMORY_COPY, 0, false, 0);
		return 0;
	default:
		TRY(need_mem_byte(v));
		TRY(pops(v, iii, 3));
		if (v_live(v))
			emit3(v, OP_MEMORY_FILL, 0, false, 0);
		return 0;
	}
}

static int table_grow_size(struct vctx *v, uint32_t sub, uint32_t a, uint8_t t)
{
	size_t pos;

	if (sub == 15)
		TRY(pops(v, (const uint8_t[]){ t, WASMI_I32 }, 2));
	pos = v->nvals;
	if (v_live(v) && sub == 15) {
		uint32_t init = v_slot(v, pos), n = v_slot(v, pos + 1);
		v_emit(v, OP_TABLE_GROW);
		v_imm2(v, v_canon(v, pos), init);
		v_imm2(v, n, a);
		v_set_dst(v, v->ncells - 2, pos);
	} else if (v_live(v)) {
		v_emit(v, OP_TABLE_SIZE);
		v_imm2(v, v_canon(v, pos), a);
		v_set_dst(v, v->ncells - 1, pos);
	}
	return v_push(v, WASMI_I32);
}

static int misc_table(struct vctx *v, uint32_t sub)
{
	uint32_t a = 0, b = 0;
	uint8_t t;

	TRY(wasmi_rd_u32(&v->r, &a));
	if (sub == 12 || sub == 14)
		TRY(wasmi_rd_u32(&v->r, &b));
	switch (sub) {
	case 12: /* table.init elem table */
		TRY(need_elem(v, a));
		TRY(need_table(v, b));
		if (v->m->elems[a].type != v->m->tables[b].elem)
			return v_fail(v, "type mismatch: table.init element type");
		TRY(pops(v, (const uint8_t[]){ WASMI_I32, WASMI_I32, WASMI_I32 }, 3));
		if (v_live(v))
			emit3(v, OP_TABLE_INIT, 0, true, (uint64_t)b | (uint64_t)a << 32);
		return 0;
	case 13:
		TRY(need_elem(v, a));
		if (v_live(v)) {
			v_emit(v, OP_ELEM_DROP);
			v_imm(v, a);
		}
		return 0;
	case 14: /* table.copy dst src */
		TRY(need_table(v, a));
		TRY(need_table(v, b));
		if (v->m->tables[a].elem != v->m->tables[b].elem)
			return v_fail(v, "type mismatch: table.copy element types differ");
		TRY(pops(v, (const uint8_t[]){ WASMI_I32, WASMI_I32, WASMI_I32 }, 3));
		if (v_live(v))
			emit3(v, OP_TABLE_COPY, 0, true, (uint64_t)a | (uint64_t)b << 32);
		return 0;
	}
	TRY(need_table(v, a));
	t = v->m->tables[a].elem;
	if (sub == 15 || sub == 16)
		return table_grow_size(v, sub, a, t);
	/* table.fill: i ref n */
	TRY(pops(v, (const uint8_t[]){ WASMI_I32, t, WASMI_I32 }, 3));
	if (v_live(v))
		emit3(v, OP_TABLE_FILL, a, false, 0);
	return 0;
}

int v_op_misc(struct vctx *v, uint8_t opcode)
{
	uint32_t sub;

	TRY(wasmi_rd_u32(&v->r, &sub));
	if (sub <= 7)
		return wasmi_v_misc_numeric(v, sub);
	if (sub <= 11)
		return misc_memory(v, sub);
	if (sub <= 17)
		return misc_table(v, sub);
	return v_fail(v, "illegal opcode 0xfc %u", sub);
}

/* ---- module level ----------------------------------------------------- */

static int check_limits(const struct wasmi_limits *l, uint64_t cap, const char *what, uint32_t i,
			struct wasmi_error *err)
{
	if (l->min > cap || (l->has_max && l->max > cap))
		return wasmi_errf(err, "%s %u: size must be at most %llu", what, i,
				  (unsigned long long)cap);
	if (l->has_max && l->min > l->max)
		return wasmi_errf(err, "%s %u: size minimum must not be greater than maximum", what, i);
	return 0;
}

/* Type of a constant expression; global.get may only read imported immutable globals. */
static int cexpr_type(const struct wasmi_module *m, const struct wasmi_cexpr *e, uint8_t want,
		      const char *where, struct wasmi_error *err)
{
	uint8_t t = e->type;

	if (e->kind == CE_GLOBAL) {
		if (e->index >= m->nglobal_imports)
			return wasmi_errf(err, "unknown global %u in %s", e->index, where);
		if (m->globals[e->index].mut)
			return wasmi_errf(err, "constant expression required: global %u is mutable in %s",
					  e->index, where);
		t = m->globals[e->index].type;
	}
	if (e->kind == CE_REFFUNC && e->index >= m->nfuncs)
		return wasmi_errf(err, "unknown function %u in %s", e->index, where);
	if (t != want)
		return wasmi_errf(err, "type mismatch in %s: %s where %s is expected", where,
				  wasmi_valtype_name(t), wasmi_valtype_name(want));
	return 0;
}

static void mark_declared(struct wasmi_module *m, const struct wasmi_cexpr *e)
{
	if (e->kind == CE_REFFUNC && e->index < m->nfuncs)
		m->func_declared[e->index] = true;
}

static int cmp_export_name(const void *a, const void *b)
{
	const struct wasmi_export *x = *(const struct wasmi_export *const *)a;
	const struct wasmi_export *y = *(const struct wasmi_export *const *)b;

	if (x->name_len != y->name_len)
		return x->name_len < y->name_len ? -1 : 1;
	return memcmp(x->name, y->name, x->name_len);
}

/* Export names must be unique; sorted, so huge export sections stay cheap. */
static int check_export_names(const struct wasmi_module *m, struct wasmi_error *err)
{
	const struct wasmi_export **sorted;
	int ret = 0;

	if (m->nexports < 2)
		return 0;
	sorted = malloc(m->nexports * sizeof(*sorted));
	if (!sorted)
		return wasmi_errf(err, "out of memory");
	for (uint32_t i = 0; i < m->nexports; i++)
		sorted[i] = &m->exports[i];
	qsort(sorted, m->nexports, sizeof(*sorted), cmp_export_name);
	for (uint32_t i = 1; i < m->nexports && !ret; i++)
		if (!cmp_export_name(&sorted[i - 1], &sorted[i]))
			ret = wasmi_errf(err, "duplicate export name \"%s\"", sorted[i]->name);
	free(sorted);
	return ret;
}

static int check_globals_exports(struct wasmi_module *m, struct wasmi_error *err)
{
	static const char *const kinds[] = { "function", "table", "memory", "global" };

	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
		TRY(cexpr_type(m, &m->globals[i].init, m->globals[i].type, "global initializer", err));
		mark_declared(m, &m->globals[i].init);
	}
	for (uint32_t i = 0; i < m->nexports; i++) {
		const struct wasmi_export *e = &m->exports[i];
		uint32_t n[] = { m->nfuncs, m->ntables, m->nmems, m->nglobals };

		if (e->index >= n[e->kind])
			return wasmi_errf(err, "unknown %s %u in export \"%s\"", kinds[e->kind], e->index,
					  e->name);
		if (e->kind == WK_FUNC)
			m->func_declared[e->index] = true;
	}
	return check_export_names(m, err);
}

static int check_segments(struct wasmi_module *m, struct wasmi_error *err)
{
	for (uint32_t i = 0; i < m->nelems; i++) {
		const struct wasmi_elem *e = &m->elems[i];

		for (uint32_t k = 0; k < e->cnt; k++) {
			TRY(cexpr_type(m, &e->items[k], e->type, "element segment", err));
			mark_declared(m, &e->items[k]);
		}
		if (e->mode != SEG_ACTIVE)
			continue;
		if (e->table >= m->ntables)
			return wasmi_errf(err, "unknown table %u in element segment %u", e->table, i);
		if (m->tables[e->table].elem != e->type)
			return wasmi_errf(err, "type mismatch: element segment %u and its table", i);
		TRY(cexpr_type(m, &e->offset, WASMI_I32, "element segment offset", err));
	}
	for (uint32_t i = 0; i < m->ndatas; i++) {
		if (m->datas[i].mode != SEG_ACTIVE)
			continue;
		if (m->datas[i].mem >= m->nmems)
			return wasmi_errf(err, "unknown memory %u in data segment %u", m->datas[i].mem, i);
		TRY(cexpr_type(m, &m->datas[i].offset, WASMI_I32, "data segment offset", err));
	}
	return 0;
}

int wasmi_validate_module(struct wasmi_module *m, struct wasmi_error *err)
{
	for (uint32_t i = 0; i < m->nfuncs; i++)
		if (m->func_types[i] >= m->ntypes)
			return wasmi_errf(err, "unknown type %u of function %u", m->func_types[i], i);
	for (uint32_t i = 0; i < m->ntables; i++)
		TRY(check_limits(&m->tables[i].lim, UINT32_MAX, "table", i, err));
	for (uint32_t i = 0; i < m->nmems; i++)
		TRY(check_limits(&m->mems[i], WASMI_MAX_PAGES, "memory", i, err));
	if (m->nmems > 1)
		return wasmi_errf(err, "multiple memories are not supported");
	m->func_declared = calloc(m->nfuncs + 1, sizeof(bool));
	if (!m->func_declared)
		return wasmi_errf(err, "out of memory");
	TRY(check_globals_exports(m, err));
	TRY(check_segments(m, err));
	if (m->has_start) {
		if (m->start >= m->nfuncs)
			return wasmi_errf(err, "unknown function %u as start", m->start);
		const struct wasmi_functype *t = wasmi_module__func_type(m, m->start);
		if (t->nparams || t->nresults)
			return wasmi_errf(err, "start function %u must take and return nothing", m->start);
	}
	for (uint32_t i = 0; i < m->nfuncs - m->nfunc_imports; i++)
		TRY(wasmi_compile_func(m, &m->codes[i], err));
	m->compiled = true;
	return 0;
}

struct wasmi_module *wasmi_module__new(const uint8_t *bytes, size_t len, struct wasmi_error *err)
{
	struct wasmi_module *m = wasmi_module__decode(bytes, len, err);

	if (!m)
		return NULL;
	if (wasmi_validate_module(m, err)) {
		wasmi_module__free(m);
		errno = EINVAL;
		return NULL;
	}
	return m;
}
