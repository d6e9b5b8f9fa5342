// SPDX-License-Identifier: MIT
/*
 * Function validation and compilation, part one: the stacks, emission,
 * lazy operands, control instructions and the per-function driver. A branch
 * to a block's end is patched when the end is reached, a branch to a loop
 * goes backwards (the interpreter checks the interrupt flag on backward
 * jumps), and a branch whose values are not where the label expects them
 * carries the slots they move between.
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
	if (v->nvals == v->capvals) {
		size_t ncap = v->capvals ? v->capvals * 2 : 64;
		uint8_t *nv = realloc(v->vals, ncap);
		struct vloc *nl;

		if (!nv)
			return v_fail(v, "out of memory");
		v->vals = nv;
		nl = realloc(v->locs, ncap * sizeof(*nl));
		if (!nl)
			return v_fail(v, "out of memory");
		v->locs = nl;
		v->capvals = ncap;
	}
	v->locs[v->nvals].kind = VK_SLOT;
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

static union wasmi_cell *new_cell(struct vctx *v)
{
	if (!v->oom && grow(v, (void **)&v->cells, &v->capcells, v->ncells + 1, sizeof(*v->cells)))
		v->oom = true;
	if (v->oom)
		return &v->sink; /* written only after an allocation failed */
	return &v->cells[v->ncells++];
}

void v_emit(struct vctx *v, int op)
{
	v->last_op = op;
	v->last_pos = v->ncells;
	v->last_dst_cell = 0;
	new_cell(v)->h = v->labels[op];
}

void v_imm(struct vctx *v, uint64_t x)
{
	new_cell(v)->u64 = x;
}

void v_imm2(struct vctx *v, uint32_t lo, uint32_t hi)
{
	union wasmi_cell *c = new_cell(v);

	c->p.lo = lo;
	c->p.hi = hi;
}

void v_set_dst(struct vctx *v, size_t cell, size_t pos)
{
	v->last_dst_cell = cell;
	v->last_dst_pos = pos;
}

/* Something may jump here: no peephole across this point. */
void v_label_here(struct vctx *v)
{
	v->last_op = -1;
	v->last_dst_cell = 0;
}

/* Drop the last emitted instruction (the peephole folds it into the next). */
void v_unemit_last(struct vctx *v)
{
	if (!v->oom)
		v->ncells = v->last_pos;
	v_label_here(v);
}

/* Store a lazy entry to its canonical slot. */
void v_materialize(struct vctx *v, size_t pos)
{
	struct vloc *l = &v->locs[pos];

	if (l->kind == VK_LOCAL) {
		v_emit(v, OP_MOV);
		v_imm2(v, v_canon(v, pos), l->local);
	} else if (l->kind == VK_CONST) {
		v_emit(v, OP_CONST);
		v_imm(v, v_canon(v, pos));
		v_imm(v, l->c);
	}
	l->kind = VK_SLOT;
}

uint32_t v_slot(struct vctx *v, size_t pos)
{
	if (v->locs[pos].kind == VK_LOCAL)
		return v->locs[pos].local;
	v_materialize(v, pos);
	return v_canon(v, pos);
}

void v_materialize_from(struct vctx *v, size_t from)
{
	v_materialize_range(v, from, v->nvals);
}

/* Lazy entries only exist in the first WASMI_LAZY_WINDOW of the current block. */
static void lazy_bounds(const struct vctx *v, size_t *from, size_t *to)
{
	size_t h = v->ctls[v->nctls - 1].height;

	if (*from < h)
		*from = h;
	if (*to > h + WASMI_LAZY_WINDOW)
		*to = h + WASMI_LAZY_WINDOW;
}

void v_materialize_range(struct vctx *v, size_t from, size_t to)
{
	lazy_bounds(v, &from, &to);
	for (size_t pos = from; pos < to; pos++)
		v_materialize(v, pos);
}

void v_materialize_local(struct vctx *v, uint32_t x, size_t below)
{
	size_t from = 0;

	lazy_bounds(v, &from, &below);
	for (size_t pos = from; pos < below; pos++)
		if (v->locs[pos].kind == VK_LOCAL && v->locs[pos].local == x)
			v_materialize(v, pos);
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
			  const uint8_t **res)
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

/*
 * Fused compare + branch: when the condition is the result of the i32
 * compare emitted just before, the compare becomes the branch. `negate`
 * branches when the condition is false (if). Returns true when fused.
 */
static bool fuse_cond_branch(struct vctx *v, size_t cond_pos, bool negate)
{
#define BRC_PAIR(name, expr) { OP_I32_##name, OP_BR_I32_##name },
	static const struct { int cmp, br; } pairs[] = { WASMI_BR_CMP_OPS(BRC_PAIR) };
#undef BRC_PAIR
	/* the negation of each compare, in the order of WASMI_BR_CMP_OPS */
	static const uint8_t neg[] = { 1, 0, 8, 9, 6, 7, 4, 5, 2, 3 };
	size_t n = sizeof(pairs) / sizeof(pairs[0]);

	if (!v->last_dst_cell || v->last_dst_pos != cond_pos || v->oom)
		return false;
	if (v->last_op == OP_I32_EQZ) {
		union wasmi_cell *c = &v->cells[v->last_pos];
		uint32_t a = c[1].p.hi;

		if (negate) { /* if (x == 0) ... else: skip the then-branch when x != 0 */
			v_unemit_last(v);
			v_emit(v, OP_BR_IF);
			v_imm(v, a);
		} else {
			c->h = v->labels[OP_BR_I32_EQZ];
			v_label_here(v);
		}
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		for (int imm = 0; imm < 2; imm++) {
			if (v->last_op != pairs[i].cmp + imm)
				continue;
			v->cells[v->last_pos].h =
				v->labels[pairs[negate ? neg[i] : i].br + imm];
			v_label_here(v);
			return true;
		}
	}
	return false;
}

/* Emit a conditional branch on the entry at cond_pos; the target cell follows. */
static void emit_cond(struct vctx *v, size_t cond_pos, bool negate)
{
	if (fuse_cond_branch(v, cond_pos, negate))
		return;
	uint32_t cond = v_slot(v, cond_pos);
	v_emit(v, negate ? OP_BR_UNLESS : OP_BR_IF);
	v_imm(v, cond);
}

static int op_block(struct vctx *v, uint8_t opcode)
{
	uint32_t np = 0, nr = 0;
	const uint8_t *p = NULL, *res = NULL;
	static const uint8_t kinds[] = { [0x02] = CTL_BLOCK, [0x03] = CTL_LOOP, [0x04] = CTL_IF };
	bool live = v_live(v);

	TRY(read_blocktype(v, &np, &p, &nr, &res));
	if (opcode == 0x04)
		TRY(v_pop(v, WASMI_I32, NULL));
	/* blocks start with every entry canonical: all paths then agree */
	if (live && opcode == 0x04) {
		size_t cond = v->nvals;
		v_materialize_from(v, v->ctls[v->nctls - 1].height);
		emit_cond(v, cond, true);
		v_imm(v, 0);
	} else if (live) {
		v_materialize_from(v, v->ctls[v->nctls - 1].height);
	}
	for (uint32_t i = np; i-- > 0;)
		TRY(v_pop(v, p[i], NULL));
	TRY(push_ctl(v, kinds[opcode], np, p, nr, res));
	if (opcode == 0x04 && live)
		v->ctls[v->nctls - 1].else_patch = v->ncells; /* index + 1 of the target cell */
	v_label_here(v);
	v->ctls[v->nctls - 1].start = v->ncells;
	return 0;
}

/* Point every forward branch of a chain at the current position. */
static void patch_chain(struct vctx *v, size_t chain)
{
	while (chain && !v->oom) {
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
	if (v_live(v)) {
		v_materialize_from(v, c->height);
		v_emit(v, OP_BR);
		v_imm(v, c->patch);
		c->patch = v->ncells;
	}
	TRY(pop_results(v, c));
	if (c->else_patch && !v->oom) {
		size_t at = c->else_patch - 1;
		v->cells[at].i64 = (int64_t)v->ncells - (int64_t)at;
	}
	c->else_patch = 0;
	v_label_here(v);
	c->kind = CTL_ELSE;
	c->unreachable = false;
	for (uint32_t i = 0; i < c->nparams; i++)
		TRY(v_push(v, c->params[i]));
	return 0;
}

/* The function's end: return what is on the stack, then what branches left. */
static int end_func(struct vctx *v, const struct ctl *saved, bool live, size_t top)
{
	uint32_t n = saved->nresults;

	if (live) {
		uint32_t src = v_canon(v, 0);
		if (n == 1 && v->locs[top].kind == VK_LOCAL)
			src = v->locs[top].local;
		v_emit(v, OP_RETURN);
		v_imm2(v, src, n);
	}
	if (saved->patch) {
		patch_chain(v, saved->patch);
		v_label_here(v);
		v_emit(v, OP_RETURN);
		v_imm2(v, v_canon(v, 0), n);
	}
	return 0;
}

static int op_end(struct vctx *v, uint8_t opcode)
{
	struct ctl *c = &v->ctls[v->nctls - 1];
	bool live = v_live(v);
	struct ctl saved;
	size_t top = v->nvals ? v->nvals - 1 : 0;

	/* a single function result may be returned from any slot */
	if (live && !(c->kind == CTL_FUNC && c->nresults == 1))
		v_materialize_from(v, c->height);
	if (live && c->kind == CTL_FUNC && c->nresults == 1 && v->nvals)
		v_slot(v, top);
	TRY(pop_results(v, c));
	if (c->kind == CTL_IF && (c->nparams != c->nresults ||
				  (c->nresults && memcmp(c->params, c->results, c->nresults))))
		return v_fail(v, "type mismatch: if without else must leave its params as results");
	saved = *c;
	v->nctls--;
	if (saved.kind == CTL_FUNC)
		return end_func(v, &saved, live, top);
	if (saved.kind != CTL_LOOP)
		patch_chain(v, saved.patch);
	if (saved.else_patch && !v->oom) {
		size_t at = saved.else_patch - 1;
		v->cells[at].i64 = (int64_t)v->ncells - (int64_t)at;
	}
	v_label_here(v);
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
static void emit_target(struct vctx *v, struct ctl *l)
{
	if (l->kind == CTL_LOOP) {
		v_imm(v, (uint64_t)((int64_t)l->start - (int64_t)v->ncells));
		return;
	}
	v_imm(v, l->patch);
	l->patch = v->ncells;
}

/*
 * Emit a branch to l carrying the top n values (already canonical). The
 * plain forms apply when they already sit where the label wants them.
 * cond_pos >= 0: br_if on that entry.
 */
static void emit_branch(struct vctx *v, struct ctl *l, long cond_pos)
{
	const uint8_t *t;
	uint32_t n = label_arity(l, &t);
	uint32_t src = v_canon(v, v->nvals - n), dst = v_canon(v, l->height);
	bool move = n && src != dst;

	if (cond_pos < 0 && l == &v->ctls[0]) {
		v_emit(v, OP_RETURN);
		v_imm2(v, src, n);
		return;
	}
	if (cond_pos < 0) {
		v_emit(v, move ? OP_BR_MOVE : OP_BR);
	} else if (move) {
		uint32_t cond = v_slot(v, (size_t)cond_pos);
		v_emit(v, OP_BR_IF_MOVE);
		v_imm(v, cond);
	} else {
		emit_cond(v, (size_t)cond_pos, false);
	}
	emit_target(v, l);
	if (move) {
		v_imm2(v, dst, src);
		v_imm(v, n);
	}
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
	n = label_arity(l, &t);
	/* the carried values must be canonical; popping and pushing them back
	 * for validation below forgets where lazy ones were */
	if (v_live(v) && v->nvals >= v->ctls[v->nctls - 1].height + n + cond)
		v_materialize_range(v, v->nvals - n - cond, v->nvals - cond);
	if (cond)
		TRY(v_pop(v, WASMI_I32, NULL));
	for (uint32_t i = n; i-- > 0;)
		TRY(v_pop(v, t[i], NULL));
	for (uint32_t i = 0; i < n; i++)
		TRY(v_push(v, t[i]));
	if (v_live(v))
		emit_branch(v, l, cond ? (long)v->nvals : -1);
	if (!cond)
		set_unreachable(v);
	return 0;
}

/* br_table: validate every label against the default's arity, emit entries. */
static int op_br_table(struct vctx *v, uint8_t opcode)
{
	uint32_t n, depth, arity = 0;
	bool live = v_live(v);
	const uint8_t *t;

	TRY(wasmi_rd_u32(&v->r, &n));
	if ((uint64_t)n + 1 > (uint64_t)(v->r.end - v->r.p))
		return v_fail(v, "unexpected end in br_table");
	TRY(v_pop(v, WASMI_I32, NULL));
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
		if (!live)
			continue;
		if (i == 0) {
			uint32_t idx = v_slot(v, v->nvals);
			v_materialize_from(v, v->nvals - a);
			v_emit(v, OP_BR_TABLE);
			v_imm(v, idx);
			v_imm(v, n);
		}
		emit_target(v, l);
		v_imm2(v, v_canon(v, l->height), v_canon(v, v->nvals - a));
		v_imm(v, a);
	}
	for (uint32_t k = arity; k-- > 0;)
		TRY(v_pop(v, VT_UNKNOWN, NULL));
	set_unreachable(v);
	return 0;
}

static int op_return(struct vctx *v, uint8_t opcode)
{
	struct ctl *f = &v->ctls[0];
	uint32_t n = f->nresults;

	for (uint32_t i = n; i-- > 0;)
		TRY(v_pop(v, f->results[i], NULL));
	if (v_live(v)) {
		uint32_t src = v_canon(v, v->nvals);
		if (n == 1)
			src = v_slot(v, v->nvals);
		else
			v_materialize_range(v, v->nvals, v->nvals + n);
		v_emit(v, OP_RETURN);
		v_imm2(v, src, n);
	}
	set_unreachable(v);
	return 0;
}

static int op_unreachable(struct vctx *v, uint8_t opcode)
{
	if (v_live(v))
		v_emit(v, OP_UNREACHABLE);
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
	struct vctx v = { .m = m, .c = c, .err = err, .last_op = -1 };
	int ret;

	v.r = (struct wasmi_reader){ c->body, c->body + c->body_len, m->bytes, err };
	v.labels = wasmi_interp_labels();
	ret = compile_body(&v);
	if (!ret && v.oom)
		ret = v_fail(&v, "out of memory");
	if (ret)
		goto out;
	c->cells = v.cells;
	c->ncells = v.ncells;
	v.cells = NULL;
	c->nparams = ft->nparams;
	c->nresults = ft->nresults;
	c->nlocals = v.nlocals;
	c->max_slots = v.nlocals + v.max_height + 4;
out:
	free(v.cells);
	free(v.locals);
	free(v.vals);
	free(v.locs);
	free(v.ctls);
	return ret;
}
