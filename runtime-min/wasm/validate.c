// SPDX-License-Identifier: MIT
/*
 * Function validation and compilation, part one: the stacks, emission,
 * control instructions and the per-function driver. Branches are resolved
 * here: a branch to a block's end is patched when the end is reached, a
 * branch to a loop goes backwards and checks the interrupt flag, and a
 * branch that leaves extra values on the stack carries the slot its results
 * move to.
 */
#include "vctx.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int v_fail(struct vctx *v, const char *fmt, ...)
{
	char what[200], name[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	wasmi_module__func_name(v->m, v->c->index, name, sizeof(name));
	return wasmi_errf(v->err, "%s in function %s at offset %zu", what, name,
			  (size_t)(v->r.p - v->r.base));
}

static int grow(struct vctx *v, void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return v_fail(v, "out of memory");
	*p = np;
	*cap = ncap;
	return 0;
}

int v_push(struct vctx *v, uint8_t t)
{
	TRY(grow(v, (void **)&v->vals, &v->capvals, v->nvals + 1, 1));
	v->vals[v->nvals++] = t;
	if (v->nvals > v->max_height)
		v->max_height = (uint32_t)v->nvals;
	return 0;
}

int v_pop(struct vctx *v, uint8_t expect, uint8_t *got)
{
	struct ctl *c = &v->ctls[v->nctls - 1];
	uint8_t t;

	if (v->nvals == c->height) {
		if (!c->unreachable)
			return v_fail(v, "type mismatch: operand stack empty, expected %s",
				      expect ? wasmi_valtype_name(expect) : "a value");
		t = VT_UNKNOWN;
	} else {
		t = v->vals[--v->nvals];
	}
	if (expect != VT_UNKNOWN && t != VT_UNKNOWN && t != expect)
		return v_fail(v, "type mismatch: expected %s, found %s", wasmi_valtype_name(expect),
			      wasmi_valtype_name(t));
	if (got)
		*got = t == VT_UNKNOWN ? expect : t;
	return 0;
}

/* Emission happens only in reachable code. */
bool v_live(const struct vctx *v)
{
	const struct ctl *c = &v->ctls[v->nctls - 1];

	return !c->unreachable && !c->dead;
}

int v_emit(struct vctx *v, int op)
{
	TRY(grow(v, (void **)&v->cells, &v->capcells, v->ncells + 1, sizeof(*v->cells)));
	v->prev_op = v->last_op;
	v->prev_pos = v->last_pos;
	v->last_op = op;
	v->last_pos = v->ncells;
	v->cells[v->ncells++].h = v->labels[op];
	return 0;
}

int v_imm(struct vctx *v, uint64_t x)
{
	TRY(grow(v, (void **)&v->cells, &v->capcells, v->ncells + 1, sizeof(*v->cells)));
	v->cells[v->ncells++].u64 = x;
	return 0;
}

/* Something may jump here: no peephole across this point. */
void v_label_here(struct vctx *v)
{
	v->last_op = -1;
	v->prev_op = -1;
}

/* Drop the last emitted instruction (the peephole folds it into the next). */
void v_unemit_last(struct vctx *v)
{
	v->ncells = v->last_pos;
	v->last_op = v->prev_op;
	v->last_pos = v->prev_pos;
	v->prev_op = -1;
}

static int push_ctl(struct vctx *v, uint8_t kind, uint32_t np, const uint8_t *params, uint32_t nr,
		    const uint8_t *results)
{
	struct ctl *c;
	bool dead = v->nctls && !v_live(v);

	TRY(grow(v, (void **)&v->ctls, &v->capctls, v->nctls + 1, sizeof(*v->ctls)));
	c = &v->ctls[v->nctls++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->dead = dead;
	c->height = (uint32_t)v->nvals;
	c->nparams = np, c->params = params;
	c->nresults = nr, c->results = results;
	c->start = v->ncells;
	for (uint32_t i = 0; i < np; i++)
		TRY(v_push(v, params[i]));
	return 0;
}

static void set_unreachable(struct vctx *v)
{
	struct ctl *c = &v->ctls[v->nctls - 1];

	v->nvals = c->height;
	c->unreachable = true;
}

/* Read a block type: empty, one value type, or a type index (multi-value). */
static int read_blocktype(struct vctx *v, uint32_t *np, const uint8_t **p, uint32_t *nr,
			  const uint8_t **res, uint8_t *inl)
{
	/* one stable byte per value type, for single-result blocks */
	static const uint8_t single[] = { 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
					  0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f };
	int64_t idx;

	if (v->r.p < v->r.end && (*v->r.p == 0x40 || wasmi_is_valtype(*v->r.p))) {
		uint8_t b = *v->r.p++;

		*np = 0, *p = NULL;
		*nr = b != 0x40;
		*res = b != 0x40 ? &single[b - 0x6f] : NULL;
		return 0;
	}
	TRY(wasmi_rd_s33(&v->r, &idx));
	if (idx < 0 || idx >= v->m->ntypes)
		return v_fail(v, "unknown type %lld in block type", (long long)idx);
	*np = v->m->types[idx].nparams, *p = v->m->types[idx].types;
	*nr = v->m->types[idx].nresults, *res = v->m->types[idx].types + *np;
	return 0;
}

static int op_block(struct vctx *v, uint8_t opcode)
{
	uint32_t np = 0, nr = 0;
	const uint8_t *p = NULL, *res = NULL;
	uint8_t inl = 0;
	static const uint8_t kinds[] = { [0x02] = CTL_BLOCK, [0x03] = CTL_LOOP, [0x04] = CTL_IF };

	TRY(read_blocktype(v, &np, &p, &nr, &res, &inl));
	if (opcode == 0x04) {
		TRY(v_pop(v, WASMI_I32, NULL));
		if (v_live(v)) {
			TRY(v_emit(v, OP_BR_UNLESS));
			TRY(v_imm(v, 0));
		}
	}
	for (uint32_t i = np; i-- > 0;)
		TRY(v_pop(v, p[i], NULL));
	TRY(push_ctl(v, kinds[opcode], np, p, nr, res));
	if (opcode == 0x04 && !v->ctls[v->nctls - 1].dead)
		v->ctls[v->nctls - 1].else_patch = v->ncells; /* index + 1 of the target cell */
	if (opcode == 0x03)
		v_label_here(v);
	v->ctls[v->nctls - 1].start = v->ncells;
	return 0;
}

/* Point every forward branch of a chain at the current position. */
static void patch_chain(struct vctx *v, size_t chain)
{
	while (chain) {
		size_t at = chain - 1;

		chain = (size_t)v->cells[at].u64;
		v->cells[at].i64 = (int64_t)v->ncells - (int64_t)at;
	}
}

/* Check the block's results are exactly on the stack, and pop them. */
static int pop_results(struct vctx *v, const struct ctl *c)
{
	for (uint32_t i = c->nresults; i-- > 0;)
		TRY(v_pop(v, c->results[i], NULL));
	if (v->nvals != c->height)
		return v_fail(v, "type mismatch: %zu values left on the stack at block end",
			      v->nvals - c->height);
	return 0;
}

static int op_else(struct vctx *v, uint8_t opcode)
{
	struct ctl *c = &v->ctls[v->nctls - 1];

	if (c->kind != CTL_IF)
		return v_fail(v, "else without if");
	TRY(pop_results(v, c));
	if (v_live(v)) {
		TRY(v_emit(v, OP_BR));
		TRY(v_imm(v, c->patch));
		c->patch = v->ncells;
	}
	if (c->else_patch) {
		size_t at = c->else_patch - 1;
		v->cells[at].i64 = (int64_t)v->ncells - (int64_t)at;
		c->else_patch = 0;
	}
	v_label_here(v);
	c->kind = CTL_ELSE;
	c->unreachable = false;
	for (uint32_t i = 0; i < c->nparams; i++)
		TRY(v_push(v, c->params[i]));
	return 0;
}

static int op_end(struct vctx *v, uint8_t opcode)
{
	struct ctl *c = &v->ctls[v->nctls - 1];
	struct ctl saved;

	TRY(pop_results(v, c));
	if (c->kind == CTL_IF && (c->nparams != c->nresults ||
				  (c->nresults && memcmp(c->params, c->results, c->nresults))))
		return v_fail(v, "type mismatch: if without else must leave its params as results");
	saved = *c;
	v->nctls--;
	if (saved.kind != CTL_LOOP)
		patch_chain(v, saved.patch);
	if (saved.else_patch) {
		size_t at = saved.else_patch - 1;
		v->cells[at].i64 = (int64_t)v->ncells - (int64_t)at;
	}
	v_label_here(v);
	if (saved.kind == CTL_FUNC) {
		TRY(v_emit(v, OP_RETURN));
		return v_imm(v, saved.nresults);
	}
	for (uint32_t i = 0; i < saved.nresults; i++)
		TRY(v_push(v, saved.results[i]));
	return 0;
}

static struct ctl *label_at(struct vctx *v, uint32_t depth)
{
	return depth < v->nctls ? &v->ctls[v->nctls - 1 - depth] : NULL;
}

static uint32_t label_arity(const struct ctl *l, const uint8_t **types)
{
	*types = l->kind == CTL_LOOP ? l->params : l->results;
	return l->kind == CTL_LOOP ? l->nparams : l->nresults;
}

/* Emit the target cell of a branch to l (patched later for forward labels). */
static int emit_target(struct vctx *v, struct ctl *l)
{
	if (l->kind == CTL_LOOP)
		return v_imm(v, (uint64_t)((int64_t)l->start - (int64_t)v->ncells));
	TRY(v_imm(v, l->patch));
	l->patch = v->ncells;
	return 0;
}

/*
 * Emit a branch (cond: br_if) to l with the current stack. The plain forms
 * apply when the results already sit where the label expects them.
 */
static int emit_branch(struct vctx *v, struct ctl *l, bool cond)
{
	const uint8_t *t;
	uint32_t n = label_arity(l, &t);
	bool loop = l->kind == CTL_LOOP;
	bool move = v->nvals - n != l->height;
	static const int ops[2][2][2] = {
		/* [cond][loop][move] */
		{ { OP_BR, OP_BR_MOVE }, { OP_BR_LOOP, OP_BR_LOOP_MOVE } },
		{ { OP_BR_IF, OP_BR_IF_MOVE }, { OP_BR_IF_LOOP, OP_BR_IF_MOVE } },
		/* BR_IF_MOVE checks the interrupt flag whatever its direction */
	};

	if (!cond && l == &v->ctls[0]) {
		TRY(v_emit(v, OP_RETURN));
		return v_imm(v, n);
	}
	TRY(v_emit(v, ops[cond][loop][move]));
	TRY(emit_target(v, l));
	if (ops[cond][loop][move] == OP_BR_IF_MOVE || move) {
		TRY(v_imm(v, v->nlocals + l->height));
		TRY(v_imm(v, n));
	}
	return 0;
}

static int op_br(struct vctx *v, uint8_t opcode)
{
	uint32_t depth, n;
	const uint8_t *t;
	struct ctl *l;
	bool cond = opcode == 0x0d;

	TRY(wasmi_rd_u32(&v->r, &depth));
	l = label_at(v, depth);
	if (!l)
		return v_fail(v, "unknown label %u", depth);
	if (cond)
		TRY(v_pop(v, WASMI_I32, NULL));
	n = label_arity(l, &t);
	for (uint32_t i = n; i-- > 0;)
		TRY(v_pop(v, t[i], NULL));
	for (uint32_t i = 0; i < n; i++)
		TRY(v_push(v, t[i]));
	if (v_live(v))
		TRY(cond ? wasmi_v_fuse_br_if(v, l) : emit_branch(v, l, false));
	if (!cond)
		set_unreachable(v);
	return 0;
}

int wasmi_v_emit_branch(struct vctx *v, struct ctl *l, bool cond)
{
	return emit_branch(v, l, cond);
}

/* br_table: validate every label against the default's arity, emit triples. */
static int op_br_table(struct vctx *v, uint8_t opcode)
{
	uint32_t n, depth, arity = 0;
	size_t live = v_live(v);
	const uint8_t *t;

	TRY(wasmi_rd_u32(&v->r, &n));
	if ((uint64_t)n + 1 > (uint64_t)(v->r.end - v->r.p))
		return v_fail(v, "unexpected end in br_table");
	TRY(v_pop(v, WASMI_I32, NULL));
	if (live) {
		TRY(v_emit(v, OP_BR_TABLE));
		TRY(v_imm(v, n));
	}
	for (uint32_t i = 0; i <= n; i++) {
		struct ctl *l;
		uint32_t a;

		TRY(wasmi_rd_u32(&v->r, &depth));
		l = label_at(v, depth);
		if (!l)
			return v_fail(v, "unknown label %u", depth);
		a = label_arity(l, &t);
		if (i && a != arity)
			return v_fail(v, "type mismatch: br_table labels of different arity");
		arity = a;
		/* every label's types must match the operands (popped, put back) */
		size_t keep = v->nvals;
		for (uint32_t k = a; k-- > 0;)
			TRY(v_pop(v, t[k], NULL));
		v->nvals = keep;
		if (live) {
			TRY(emit_target(v, l));
			TRY(v_imm(v, v->nlocals + l->height));
			TRY(v_imm(v, a));
		}
	}
	for (uint32_t k = arity; k-- > 0;)
		TRY(v_pop(v, VT_UNKNOWN, NULL));
	set_unreachable(v);
	return 0;
}

static int op_return(struct vctx *v, uint8_t opcode)
{
	struct ctl *f = &v->ctls[0];

	for (uint32_t i = f->nresults; i-- > 0;)
		TRY(v_pop(v, f->results[i], NULL));
	if (v_live(v)) {
		TRY(v_emit(v, OP_RETURN));
		TRY(v_imm(v, f->nresults));
	}
	set_unreachable(v);
	return 0;
}

static int op_unreachable(struct vctx *v, uint8_t opcode)
{
	if (v_live(v))
		TRY(v_emit(v, OP_UNREACHABLE));
	set_unreachable(v);
	return 0;
}

static int op_nop(struct vctx *v, uint8_t opcode)
{
	return 0;
}

int wasmi_v_control(struct vctx *v, uint8_t opcode)
{
	static const v_handler h[] = {
		[0x00] = op_unreachable, [0x01] = op_nop, [0x02] = op_block, [0x03] = op_block,
		[0x04] = op_block, [0x05] = op_else, [0x0b] = op_end, [0x0c] = op_br,
		[0x0d] = op_br, [0x0e] = op_br_table, [0x0f] = op_return,
	};

	if (opcode >= sizeof(h) / sizeof(h[0]) || !h[opcode])
		return v_fail(v, "illegal opcode 0x%02x", opcode);
	return h[opcode](v, opcode);
}

/* Read the locals, set up the function's frame, then run every opcode. */
static int read_locals(struct vctx *v, const struct wasmi_functype *ft)
{
	uint32_t ngroups, n;
	uint64_t total = ft->nparams;
	uint8_t t;

	TRY(wasmi_rd_u32(&v->r, &ngroups));
	const uint8_t *save = v->r.p;
	for (uint32_t g = 0; g < ngroups; g++) {
		TRY(wasmi_rd_u32(&v->r, &n));
		TRY(wasmi_rd_u8(&v->r, &t));
		total += n;
		if (total > WASMI_MAX_LOCALS)
			return v_fail(v, "too many locals (%llu; this engine allows %u)",
				      (unsigned long long)total, WASMI_MAX_LOCALS);
	}
	v->locals = malloc(total + 1);
	if (!v->locals)
		return v_fail(v, "out of memory");
	memcpy(v->locals, ft->types, ft->nparams);
	v->nlocals = ft->nparams;
	v->r.p = save;
	for (uint32_t g = 0; g < ngroups; g++) {
		wasmi_rd_u32(&v->r, &n);
		wasmi_rd_u8(&v->r, &t);
		memset(v->locals + v->nlocals, t, n);
		v->nlocals += n;
	}
	return 0;
}

static int compile_body(struct vctx *v)
{
	const struct wasmi_functype *ft = &v->m->types[v->c->type];
	uint8_t op;

	TRY(read_locals(v, ft));
	TRY(push_ctl(v, CTL_FUNC, 0, NULL, ft->nresults, ft->types + ft->nparams));
	v_label_here(v);
	while (v->nctls) {
		if (v->r.p >= v->r.end)
			return v_fail(v, "unexpected end of function body");
		op = *v->r.p++;
		TRY(wasmi_v_handlers[op](v, op));
	}
	if (v->r.p != v->r.end)
		return v_fail(v, "section size mismatch: code after the function's end");
	return 0;
}

int wasmi_compile_func(struct wasmi_module *m, struct wasmi_code *c, struct wasmi_error *err)
{
	const struct wasmi_functype *ft = &m->types[c->type];
	struct vctx v = { .m = m, .c = c, .err = err, .last_op = -1, .prev_op = -1 };
	int ret;

	v.r = (struct wasmi_reader){ c->body, c->body + c->body_len, m->bytes, err };
	v.labels = wasmi_interp_labels();
	ret = compile_body(&v);
	if (ret)
		goto out;
	c->cells = v.cells;
	c->ncells = v.ncells;
	v.cells = NULL;
	c->nparams = ft->nparams;
	c->nresults = ft->nresults;
	c->nlocals = v.nlocals;
	c->max_slots = v.nlocals + v.max_height + ft->nresults + 4;
out:
	free(v.cells);
	free(v.locals);
	free(v.vals);
	free(v.ctls);
	return ret;
}
