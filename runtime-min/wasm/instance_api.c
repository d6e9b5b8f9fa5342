// SPDX-License-Identifier: MIT
/*
 * The instance API: calls from the host (by export name or through table 0,
 * re-entrantly from a host function), traps and exits, bounds-checked
 * memory access, exports, and growing memories and tables.
 */
#include "wasmi_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct wasmi_instance *wasmi_instance__new(const struct wasmi_module *m,
					   const struct wasmi_config *cfg,
					   const struct wasmi_host_func *funcs, size_t n_funcs,
					   struct wasmi_error *err)
{
	return wasmi_instance__new_linked(m, cfg, funcs, n_funcs, NULL, NULL, NULL, err);
}

void wasmi_instance__free(struct wasmi_instance *in)
{
	const struct wasmi_module *m;

	if (!in)
		return;
	m = in->mod;
	for (uint32_t i = 0; in->own_tables && i < m->ntables; i++)
		free(in->own_tables[i].elems);
	for (uint32_t i = 0; in->own_mems && i < m->nmems; i++)
		free(in->own_mems[i].data);
	for (uint32_t i = 0; in->elem_vals && i < m->nelems; i++)
		free(in->elem_vals[i]);
	free(in->elem_vals);
	free(in->elem_dropped);
	free(in->data_dropped);
	free(in->globals);
	free(in->own_globals);
	free(in->mems);
	free(in->own_mems);
	free(in->tables);
	free(in->own_tables);
	free(in->funcs);
	free(in->own_funcs);
	free(in->frames);
	free(in->stack);
	free(in);
}

enum wasmi_status wasmi_trap(struct wasmi_instance *in, uint32_t func, const char *what)
{
	char name[128];

	wasmi_module__func_name(in->mod, func, name, sizeof(name));
	snprintf(in->trap, sizeof(in->trap), "%s in function %s", what, name);
	return WASMI_TRAP;
}

enum wasmi_status wasmi_invoke(struct wasmi_instance *in, const struct wasmi_func *f,
			       const union wasmi_value *args, union wasmi_value *results)
{
	struct wasmi_instance *o = f->owner;
	uint32_t np = f->type->nparams, nr = f->type->nresults;
	union wasmi_slot *base = o->sp + 1;
	enum wasmi_status st;

	if (in->exited || o->exited)
		return WASMI_EXIT;
	if (base + np + nr > o->stack_end)
		return wasmi_trap(in, f->index, wasmi_trap_name(WT_EXHAUSTED));
	if (np)
		memcpy(base, args, np * sizeof(*base));
	st = wasmi_interp_call(o, f, base);
	if (o != in) {
		if (st == WASMI_TRAP)
			memcpy(in->trap, o->trap, sizeof(in->trap));
		if (st == WASMI_EXIT)
			in->exit_code = o->exit_code, in->exited = true;
	}
	if (st == WASMI_OK && nr)
		memcpy(results, base, nr * sizeof(*base));
	/* 32-bit results reach the embedder zero-extended */
	for (uint32_t i = 0; st == WASMI_OK && i < nr; i++) {
		uint8_t t = f->type->types[np + i];
		if (t == WASMI_I32 || t == WASMI_F32)
			results[i].i64 = results[i].i32;
	}
	return st;
}

static const struct wasmi_export *find_export_n(const struct wasmi_module *m, const char *name,
						size_t len, int kind)
{
	for (uint32_t i = 0; i < m->nexports; i++)
		if (m->exports[i].kind == kind && m->exports[i].name_len == len &&
		    !memcmp(m->exports[i].name, name, len))
			return &m->exports[i];
	return NULL;
}

static const struct wasmi_export *find_export(const struct wasmi_module *m, const char *name,
					      int kind)
{
	return find_export_n(m, name, strlen(name), kind);
}

enum wasmi_status wasmi_instance__call_n(struct wasmi_instance *in, const char *name,
					 size_t name_len, const union wasmi_value *args,
					 size_t nargs, union wasmi_value *results, size_t nresults)
{
	const struct wasmi_export *e = find_export_n(in->mod, name, name_len, WK_FUNC);
	const struct wasmi_func *f;

	if (!e)
		return wasmi_instance__trapf(in, "no exported function \"%.*s\"", (int)name_len, name);
	f = in->funcs[e->index];
	if (nargs != f->type->nparams || nresults != f->type->nresults)
		return wasmi_instance__trapf(in, "\"%s\" has type %s: called with %zu arguments and %zu results",
					     e->name, f->type->sig, nargs, nresults);
	return wasmi_invoke(in, f, args, results);
}

enum wasmi_status wasmi_instance__call(struct wasmi_instance *in, const char *export_name,
				       const union wasmi_value *args, size_t nargs,
				       union wasmi_value *results, size_t nresults)
{
	return wasmi_instance__call_n(in, export_name, strlen(export_name), args, nargs, results,
				      nresults);
}

enum wasmi_status wasmi_instance__call_table(struct wasmi_instance *in, uint32_t elem,
					     const char *sig, const union wasmi_value *args,
					     union wasmi_value *results)
{
	const struct wasmi_table *t = in->mod->ntables ? in->tables[0] : NULL;
	const struct wasmi_func *f;

	if (!t || elem >= t->size)
		return wasmi_instance__trapf(in, "undefined element %u of table 0", elem);
	f = (const struct wasmi_func *)(uintptr_t)t->elems[elem];
	if (!f)
		return wasmi_instance__trapf(in, "uninitialized element %u of table 0", elem);
	if (strcmp(f->type->sig, sig))
		return wasmi_instance__trapf(in, "indirect call type mismatch: element %u is %s, not %s",
					     elem, f->type->sig, sig);
	return wasmi_invoke(in, f, args, results);
}

enum wasmi_status wasmi_instance__trapf(struct wasmi_instance *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->trap, sizeof(in->trap), fmt, ap);
	va_end(ap);
	return WASMI_TRAP;
}

enum wasmi_status wasmi_instance__exit(struct wasmi_instance *in, int code)
{
	in->exit_code = code;
	in->exited = true;
	return WASMI_EXIT;
}

int wasmi_instance__exit_code(const struct wasmi_instance *in)
{
	return in->exit_code;
}

const char *wasmi_instance__trap_message(const struct wasmi_instance *in)
{
	return in->trap;
}

void *wasmi_instance__mem(struct wasmi_instance *in, uint32_t off, uint32_t len)
{
	if (!in->mems || (uint64_t)off + len > in->mems[0]->size)
		return NULL;
	return in->mems[0]->data + off;
}

uint32_t wasmi_instance__mem_size(const struct wasmi_instance *in)
{
	if (!in->mems)
		return 0;
	/* 4 GiB does not fit: report the largest addressable size */
	return in->mems[0]->size > UINT32_MAX ? UINT32_MAX : (uint32_t)in->mems[0]->size;
}

const char *wasmi_instance__mem_str(struct wasmi_instance *in, uint32_t off, uint32_t max)
{
	uint64_t size = in->mems ? in->mems[0]->size : 0;
	const char *s;

	if (off >= size)
		return NULL;
	s = (const char *)in->mems[0]->data + off;
	if (size - off < max)
		max = (uint32_t)(size - off);
	return memchr(s, '\0', max) ? s : NULL;
}

int wasmi_instance__global(struct wasmi_instance *in, const char *export_name,
			   union wasmi_value *v, enum wasmi_valtype *type)
{
	const struct wasmi_export *e = find_export(in->mod, export_name, WK_GLOBAL);
	const struct wasmi_global *g;

	if (!e)
		return -ENOENT;
	g = in->globals[e->index];
	v->i64 = g->val;
	if (g->type == WASMI_I32 || g->type == WASMI_F32)
		v->i64 = (uint32_t)g->val;
	if (type)
		*type = g->type;
	return 0;
}

int wasmi_instance__export_extern(struct wasmi_instance *in, const char *name,
				  struct wasmi_extern *out)
{
	for (uint32_t i = 0; i < in->mod->nexports; i++) {
		const struct wasmi_export *e = &in->mod->exports[i];
		void *const objs[] = { in->funcs, in->tables, in->mems, in->globals };

		if (strcmp(e->name, name))
			continue;
		out->kind = e->kind;
		out->ptr = ((void **)objs[e->kind])[e->index];
		return 0;
	}
	return -ENOENT;
}

const char *wasmi_instance__export_sig(const struct wasmi_instance *in, const char *export_name)
{
	const struct wasmi_export *e = find_export(in->mod, export_name, WK_FUNC);

	return e ? in->funcs[e->index]->type->sig : NULL;
}

int wasmi_mem_grow(struct wasmi_instance *in, struct wasmi_memory *mem, uint32_t delta,
		   uint32_t *old)
{
	uint64_t pages = mem->size / WASMI_PAGE, want = pages + delta;
	uint64_t max = mem->max_pages;
	uint8_t *p;

	if (max > in->cfg.max_memory_pages)
		max = in->cfg.max_memory_pages;
	*old = (uint32_t)pages;
	if (want > max)
		return -ENOMEM;
	if (!delta)
		return 0;
	p = realloc(mem->data, want * WASMI_PAGE + 1);
	if (!p)
		return -ENOMEM;
	memset(p + mem->size, 0, delta * (size_t)WASMI_PAGE);
	mem->data = p;
	mem->size = want * WASMI_PAGE;
	return 0;
}

int wasmi_table_grow(struct wasmi_table *t, uint32_t delta, uint64_t init, uint32_t *old)
{
	uint64_t want = (uint64_t)t->size + delta;
	uint64_t *p;

	*old = t->size;
	if ((t->has_max && want > t->max) || want > WASMI_MAX_TABLE)
		return -ENOMEM;
	p = realloc(t->elems, (want + 1) * sizeof(uint64_t));
	if (!p)
		return -ENOMEM;
	for (uint64_t i = t->size; i < want; i++)
		p[i] = init;
	t->elems = p;
	t->size = (uint32_t)want;
	return 0;
}

const struct wasmi_module *wasmi_instance__module(const struct wasmi_instance *in)
{
	return in->mod;
}
