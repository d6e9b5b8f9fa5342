// SPDX-License-Identifier: MIT
/*
 * Instantiation: resolve imports (host functions, then the resolver), create
 * the instance's functions, tables, memory and globals, evaluate and apply
 * segments in order, run the start function. Spec order matters: an active
 * segment that does not fit fails instantiation after earlier ones applied.
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

static const struct wasmi_host_func *find_host(const struct wasmi_host_func *funcs, size_t n,
					       const struct wasmi_import *im)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(funcs[i].module, im->module) && !strcmp(funcs[i].name, im->name))
			return &funcs[i];
	return NULL;
}

static bool limits_match(uint64_t have_min, bool have_has_max, uint64_t have_max,
			 const struct wasmi_limits *want)
{
	if (have_min < want->min)
		return false;
	if (!want->has_max)
		return true;
	return have_has_max && have_max <= want->max;
}

static int link_extern(struct wasmi_instance *in, const struct wasmi_import *im,
		       const struct wasmi_extern *ex, struct wasmi_error *err)
{
	const struct wasmi_module *m = in->mod;

	if (ex->kind != im->kind)
		return wasmi_errf(err, "incompatible import type for %s.%s (wrong kind)", im->module,
				  im->name);
	switch (im->kind) {
	case WK_FUNC: {
		struct wasmi_func *f = ex->ptr;
		if (strcmp(f->type->sig, wasmi_module__func_type(m, im->index)->sig))
			return wasmi_errf(err, "incompatible import type for %s.%s: %s, expected %s",
					  im->module, im->name, f->type->sig,
					  wasmi_module__func_type(m, im->index)->sig);
		in->funcs[im->index] = f;
		return 0;
	}
	case WK_TABLE: {
		struct wasmi_table *t = ex->ptr;
		const struct wasmi_tabletype *tt = &m->tables[im->index];
		if (t->type != tt->elem || !limits_match(t->size, t->has_max, t->max, &tt->lim))
			return wasmi_errf(err, "incompatible import type for table %s.%s", im->module,
					  im->name);
		in->tables[im->index] = t;
		return 0;
	}
	case WK_MEM: {
		struct wasmi_memory *mem = ex->ptr;
		if (!limits_match(mem->size / WASMI_PAGE, mem->max_pages != WASMI_MAX_PAGES + 1,
				  mem->max_pages, &m->mems[im->index]))
			return wasmi_errf(err, "incompatible import type for memory %s.%s", im->module,
					  im->name);
		in->mems[im->index] = mem;
		return 0;
	}
	default: {
		struct wasmi_global *g = ex->ptr;
		const struct wasmi_globaltype *gt = &m->globals[im->index];
		if (g->type != gt->type || g->mut != gt->mut)
			return wasmi_errf(err, "incompatible import type for global %s.%s", im->module,
					  im->name);
		in->globals[im->index] = g;
		return 0;
	}
	}
}

static int link_imports(struct wasmi_instance *in, const struct wasmi_host_func *funcs, size_t n,
			wasmi_resolve_fn resolve, void *user, struct wasmi_error *err)
{
	const struct wasmi_module *m = in->mod;

	for (uint32_t i = 0; i < m->nimports; i++) {
		const struct wasmi_import *im = &m->imports[i];
		const struct wasmi_host_func *h = im->kind == WK_FUNC ? find_host(funcs, n, im) : NULL;
		struct wasmi_extern ex;

		if (h) {
			struct wasmi_func *f = &in->own_funcs[im->index];
			if (strcmp(h->sig, f->type->sig))
				return wasmi_errf(err, "incompatible import type for %s.%s: host has %s, module wants %s",
						  im->module, im->name, h->sig, f->type->sig);
			f->host = h->fn;
			f->user = h->user;
			in->funcs[im->index] = f;
			continue;
		}
		if (!resolve || resolve(user, im->module, im->name, im->kind, &ex))
			return wasmi_errf(err, "unknown import %s.%s", im->module, im->name);
		TRY(link_extern(in, im, &ex, err));
	}
	return 0;
}

static uint64_t eval_cexpr(struct wasmi_instance *in, const struct wasmi_cexpr *e)
{
	switch (e->kind) {
	case CE_GLOBAL:
		return in->globals[e->index]->val;
	case CE_REFNULL:
		return 0;
	case CE_REFFUNC:
		return (uint64_t)(uintptr_t)in->funcs[e->index];
	default:
		return e->bits;
	}
}

static int create_memory(struct wasmi_instance *in, uint32_t i, struct wasmi_error *err)
{
	const struct wasmi_limits *l = &in->mod->mems[i];
	struct wasmi_memory *mem = &in->own_mems[i];
	uint32_t cap = in->cfg.max_memory_pages;

	if (l->min > cap)
		return wasmi_errf(err, "memory of %u pages exceeds the cap of %u pages", l->min, cap);
	mem->data = calloc((size_t)l->min * WASMI_PAGE + 1, 1);
	if (!mem->data)
		return wasmi_errf(err, "out of memory allocating %u pages", l->min);
	mem->size = (uint64_t)l->min * WASMI_PAGE;
	/* max_pages > 65536 marks "no declared maximum" for import matching */
	mem->max_pages = l->has_max ? l->max : WASMI_MAX_PAGES + 1;
	in->mems[i] = mem;
	return 0;
}

static void create_funcs(struct wasmi_instance *in)
{
	const struct wasmi_module *m = in->mod;

	for (uint32_t i = 0; i < m->nfuncs; i++) {
		struct wasmi_func *f = &in->own_funcs[i];

		f->type = wasmi_module__func_type(m, i);
		f->owner = in;
		f->index = i;
		if (i >= m->nfunc_imports) {
			f->code = &m->codes[i - m->nfunc_imports];
			in->funcs[i] = f;
		}
	}
}

/* Tables, memory and globals; globals may read imported ones. */
static int create_objects(struct wasmi_instance *in, struct wasmi_error *err)
{
	const struct wasmi_module *m = in->mod;

	for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
		struct wasmi_table *t = &in->own_tables[i];
		const struct wasmi_tabletype *tt = &m->tables[i];

		if (tt->lim.min > WASMI_MAX_TABLE)
			return wasmi_errf(err, "table %u of %u elements exceeds the limit of %u", i,
					  tt->lim.min, WASMI_MAX_TABLE);
		t->elems = calloc((size_t)tt->lim.min + 1, sizeof(uint64_t));
		if (!t->elems)
			return wasmi_errf(err, "out of memory");
		t->size = tt->lim.min;
		t->max = tt->lim.max;
		t->has_max = tt->lim.has_max;
		t->type = tt->elem;
		in->tables[i] = t;
	}
	for (uint32_t i = m->nmem_imports; i < m->nmems; i++)
		TRY(create_memory(in, i, err));
	for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
		struct wasmi_global *g = &in->own_globals[i];

		g->type = m->globals[i].type;
		g->mut = m->globals[i].mut;
		g->val = eval_cexpr(in, &m->globals[i].init);
		in->globals[i] = g;
	}
	return 0;
}

uint64_t *wasmi_elem_values(struct wasmi_instance *in, uint32_t seg, uint32_t *cnt)
{
	*cnt = in->elem_dropped[seg] ? 0 : in->mod->elems[seg].cnt;
	return in->elem_vals[seg];
}

/* Evaluate every segment's items, then apply the active ones in order. */
static int apply_segments(struct wasmi_instance *in, struct wasmi_error *err)
{
	const struct wasmi_module *m = in->mod;

	for (uint32_t i = 0; i < m->nelems; i++) {
		const struct wasmi_elem *e = &m->elems[i];

		in->elem_vals[i] = calloc(e->cnt + 1, sizeof(uint64_t));
		if (!in->elem_vals[i])
			return wasmi_errf(err, "out of memory");
		for (uint32_t k = 0; k < e->cnt; k++)
			in->elem_vals[i][k] = eval_cexpr(in, &e->items[k]);
	}
	for (uint32_t i = 0; i < m->nelems; i++) {
		const struct wasmi_elem *e = &m->elems[i];
		struct wasmi_table *t;
		uint32_t off;

		if (e->mode == SEG_ACTIVE) {
			t = in->tables[e->table];
			off = (uint32_t)eval_cexpr(in, &e->offset);
			if ((uint64_t)off + e->cnt > t->size)
				return wasmi_errf(err, "out of bounds table access: element segment %u", i);
			memcpy(t->elems + off, in->elem_vals[i], (size_t)e->cnt * sizeof(uint64_t));
		}
		if (e->mode != SEG_PASSIVE)
			in->elem_dropped[i] = true;
	}
	for (uint32_t i = 0; i < m->ndatas; i++) {
		const struct wasmi_data *d = &m->datas[i];
		struct wasmi_memory *mem;
		uint32_t off;

		if (d->mode != SEG_ACTIVE)
			continue;
		mem = in->mems[d->mem];
		off = (uint32_t)eval_cexpr(in, &d->offset);
		if ((uint64_t)off + d->len > mem->size)
			return wasmi_errf(err, "out of bounds memory access: data segment %u", i);
		memcpy(mem->data + off, d->bytes, d->len);
		in->data_dropped[i] = true;
	}
	return 0;
}

static int alloc_instance(struct wasmi_instance *in, const struct wasmi_config *cfg)
{
	const struct wasmi_module *m = in->mod;
	size_t nslots;

	if (cfg)
		in->cfg = *cfg;
	if (!in->cfg.max_memory_pages || in->cfg.max_memory_pages > WASMI_MAX_PAGES)
		in->cfg.max_memory_pages = WASMI_MAX_PAGES;
	if (!in->cfg.max_call_depth)
		in->cfg.max_call_depth = WASMI_DEFAULT_CALL_DEPTH;
	if (!in->cfg.max_value_stack)
		in->cfg.max_value_stack = WASMI_DEFAULT_VALUE_STACK;
	in->interrupt = in->cfg.interrupt ? in->cfg.interrupt : &in->no_interrupt;
	nslots = in->cfg.max_value_stack;
	in->stack = calloc(nslots, sizeof(*in->stack));
	in->stack_end = in->stack + nslots;
	in->sp = in->stack - 1;
	in->nframes_max = in->cfg.max_call_depth;
	in->frames = calloc(in->nframes_max, sizeof(*in->frames));
	in->own_funcs = calloc(m->nfuncs + 1, sizeof(*in->own_funcs));
	in->funcs = calloc(m->nfuncs + 1, sizeof(*in->funcs));
	in->own_tables = calloc(m->ntables + 1, sizeof(*in->own_tables));
	in->tables = calloc(m->ntables + 1, sizeof(*in->tables));
	in->own_mems = calloc(m->nmems + 1, sizeof(*in->own_mems));
	in->mems = m->nmems ? calloc(m->nmems, sizeof(*in->mems)) : NULL;
	in->own_globals = calloc(m->nglobals + 1, sizeof(*in->own_globals));
	in->globals = calloc(m->nglobals + 1, sizeof(*in->globals));
	in->elem_dropped = calloc(m->nelems + 1, sizeof(bool));
	in->elem_vals = calloc(m->nelems + 1, sizeof(uint64_t *));
	in->data_dropped = calloc(m->ndatas + 1, sizeof(bool));
	if (!in->stack || !in->frames || !in->own_funcs || !in->funcs || !in->own_tables ||
	    !in->tables || !in->own_mems || (m->nmems && !in->mems) || !in->own_globals ||
	    !in->globals || !in->elem_dropped || !in->elem_vals || !in->data_dropped)
		return -ENOMEM;
	return 0;
}

struct wasmi_instance *wasmi_instance__new_linked(const struct wasmi_module *m,
						  const struct wasmi_config *cfg,
						  const struct wasmi_host_func *funcs,
						  size_t n_funcs, wasmi_resolve_fn resolve,
						  void *resolve_user, struct wasmi_instance **partial,
						  struct wasmi_error *err)
{
	struct wasmi_instance *in;

	if (partial)
		*partial = NULL;
	if (!m || !m->compiled) {
		wasmi_errf(err, "module is not validated (use wasmi_module__new)");
		errno = EINVAL;
		return NULL;
	}
	in = calloc(1, sizeof(*in));
	if (!in) {
		wasmi_errf(err, "out of memory");
		errno = ENOMEM;
		return NULL;
	}
	in->mod = m;
	if (alloc_instance(in, cfg)) {
		wasmi_errf(err, "out of memory");
		goto err_free;
	}
	create_funcs(in);
	if (link_imports(in, funcs, n_funcs, resolve, resolve_user, err) ||
	    create_objects(in, err))
		goto err_free;
	/* from here on, this instance's functions may land in shared tables */
	if (apply_segments(in, err))
		goto err_partial;
	if (m->has_start && wasmi_invoke(in, in->funcs[m->start], NULL, NULL) != WASMI_OK) {
		wasmi_errf(err, "start function: %s", in->trap);
		goto err_partial;
	}
	return in;

err_partial:
	if (partial) {
		*partial = in;
		errno = EINVAL;
		return NULL;
	}
err_free:
	wasmi_instance__free(in);
	errno = EINVAL;
	return NULL;
}
