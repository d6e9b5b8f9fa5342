// SPDX-License-Identifier: MIT
/*
 * Function validation and compilation, part two: every non-control
 * instruction, looked up by opcode in one handler table, plus the small
 * peephole that folds common pairs (local.get x2, constant operands,
 * compare + br_if, i += c) into single instructions.
 */
#include "vctx.h"

#include <string.h>

struct num_info {
	uint16_t op;
	uint8_t in;
	uint8_t out;
	uint8_t nin;
};

#define T_I32 WASMI_I32
#define T_I64 WASMI_I64
#define T_F32 WASMI_F32
#define T_F64 WASMI_F64
/* Indexed by opcode; the 0xfc-prefixed ones at 256 + their sub-opcode. */
#define NUM_IDX(opc) ((opc) >= 0xfc00 ? 256 + ((opc) & 0xff) : (opc))
#define X_UN(name, opc, ti, to, body) [NUM_IDX(opc)] = { OP_##name, T_##ti, T_##to, 1 },
#define X_BIN(name, opc, ti, to, body) [NUM_IDX(opc)] = { OP_##name, T_##ti, T_##to, 2 },
static const struct num_info num_info[256 + 8] = { WASMI_NUMERIC_OPS(X_UN, X_BIN) };
#undef X_UN
#undef X_BIN

/* The instruction just emitted writes entry pos through cell (ncells - back). */
static void dst_here(struct vctx *v, size_t back, size_t pos)
{
	if (!v->oom)
		v_set_dst(v, v->ncells - back, pos);
}

/* Unary: (dst, a). Binary: (dst, a), b -- or the _I form with a constant b. */
static void emit_numeric(struct vctx *v, const struct num_info *ni, size_t pos)
{
	uint32_t a, b;

	if (ni->nin == 1) {
		a = v_slot(v, pos);
		v_emit(v, ni->op);
		v_imm2(v, v_canon(v, pos), a);
		dst_here(v, 1, pos);
		return;
	}
	if (v->locs[pos + 1].kind == VK_CONST) {
		uint64_t c = v->locs[pos + 1].c;
		a = v_slot(v, pos);
		v_emit(v, ni->op + 1);
		v_imm2(v, v_canon(v, pos), a);
		v_imm(v, c);
		dst_here(v, 2, pos);
		return;
	}
	a = v_slot(v, pos);
	b = v_slot(v, pos + 1);
	v_emit(v, ni->op);
	v_imm2(v, v_canon(v, pos), a);
	v_imm(v, b);
	dst_here(v, 2, pos);
}

static int check_numeric(struct vctx *v, const struct num_info *ni)
{
	for (uint8_t i = 0; i < ni->nin; i++)
		TRY(v_pop(v, ni->in, NULL));
	if (v_live(v))
		emit_numeric(v, ni, v->nvals);
	return v_push(v, ni->out);
}

static int op_numeric(struct vctx *v, uint8_t opcode)
{
	const struct num_info *ni = &num_info[opcode];

	/* the reinterpretations keep the bits: only the type changes */
	if (opcode >= 0xbc && opcode <= 0xbf) {
		static const uint8_t from[] = { T_F32, T_F64, T_I32, T_I64 };
		static const uint8_t to[] = { T_I32, T_I64, T_F32, T_F64 };
		struct vloc keep;

		TRY(v_pop(v, from[opcode - 0xbc], NULL));
		if (!v_live(v)) /* polymorphic stack: there may be no entry */
			return v_push(v, to[opcode - 0xbc]);
		keep = v->locs[v->nvals];
		TRY(v_push(v, to[opcode - 0xbc]));
		v->locs[v->nvals - 1] = keep;
		return 0;
	}
	if (!ni->nin)
		return v_fail(v, "illegal opcode 0x%02x", opcode);
	return check_numeric(v, ni);
}

/* Mark the top entry lazy, or store it right away outside the lazy window. */
static void set_lazy(struct vctx *v, uint8_t kind, uint32_t local, uint64_t c)
{
	size_t pos = v->nvals - 1;
	struct vloc *l = &v->locs[pos];

	l->kind = kind;
	l->local = local;
	l->c = c;
	if (pos >= v->ctls[v->nctls - 1].height + WASMI_LAZY_WINDOW) {
		if (v_live(v))
			v_materialize(v, pos);
		l->kind = VK_SLOT;
	}
}

static int op_const(struct vctx *v, uint8_t opcode)
{
	static const uint8_t types[] = { T_I32, T_I64, T_F32, T_F64 };
	uint64_t bits = 0;

	switch (opcode) {
	case 0x41: {
		int32_t x;
		TRY(wasmi_rd_s32(&v->r, &x));
		bits = (uint32_t)x;
		break;
	}
	case 0x42: {
		int64_t x;
		TRY(wasmi_rd_s64(&v->r, &x));
		bits = (uint64_t)x;
		break;
	}
	case 0x43:
		TRY(wasmi_rd_fixed(&v->r, &bits, 4));
		break;
	default:
		TRY(wasmi_rd_fixed(&v->r, &bits, 8));
		break;
	}
	TRY(v_push(v, types[opcode - 0x41]));
	set_lazy(v, VK_CONST, 0, bits);
	return 0;
}

/*
 * Store entry pos into local x. When the instruction just emitted computed
 * that entry, it writes x directly instead.
 */
static void set_local(struct vctx *v, uint32_t x, size_t pos)
{
	struct vloc *l = &v->locs[pos];

	v_materialize_local(v, x, pos);
	if (l->kind == VK_SLOT && v->last_dst_cell && v->last_dst_pos == pos && !v->oom) {
		v->cells[v->last_dst_cell].p.lo = x;
		v->last_dst_cell = 0;
		return;
	}
	if (l->kind == VK_LOCAL && l->local == x)
		return;
	if (l->kind == VK_CONST) {
		v_emit(v, OP_CONST);
		v_imm(v, x);
		v_imm(v, l->c);
		return;
	}
	v_emit(v, OP_MOV);
	v_imm2(v, x, l->kind == VK_LOCAL ? l->local : v_canon(v, pos));
}

static int op_local(struct vctx *v, uint8_t opcode)
{
	uint32_t idx;
	uint8_t t;

	TRY(wasmi_rd_u32(&v->r, &idx));
	if (idx >= v->nlocals)
		return v_fail(v, "unknown local %u", idx);
	t = v->locals[idx];
	if (opcode != 0x20) {
		TRY(v_pop(v, t, NULL));
		if (v_live(v))
			set_local(v, idx, v->nvals);
	}
	if (opcode != 0x21) {
		TRY(v_push(v, t));
		set_lazy(v, VK_LOCAL, idx, 0);
	}
	return 0;
}

static int op_global(struct vctx *v, uint8_t opcode)
{
	uint32_t idx;
	const struct wasmi_globaltype *g;

	TRY(wasmi_rd_u32(&v->r, &idx));
	if (idx >= v->m->nglobals)
		return v_fail(v, "unknown global %u", idx);
	g = &v->m->globals[idx];
	if (opcode == 0x24) {
		if (!g->mut)
			return v_fail(v, "global is immutable: %u", idx);
		TRY(v_pop(v, g->type, NULL));
		if (v_live(v)) {
			uint32_t src = v_slot(v, v->nvals);
			v_emit(v, OP_GLOBAL_SET);
			v_imm2(v, idx, src);
		}
		return 0;
	}
	if (v_live(v)) {
		v_emit(v, OP_GLOBAL_GET);
		v_imm2(v, v_canon(v, v->nvals), idx);
		dst_here(v, 1, v->nvals);
	}
	return v_push(v, g->type);
}

static int op_drop_select(struct vctx *v, uint8_t opcode)
{
	uint8_t t1, t2, t = VT_UNKNOWN;
	size_t pos;

	if (opcode == 0x1a)
		return v_pop(v, VT_UNKNOWN, NULL);
	if (opcode == 0x1c) {
		uint32_t n;
		TRY(wasmi_rd_u32(&v->r, &n));
		if (n != 1)
			return v_fail(v, "invalid result arity %u of select", n);
		TRY(wasmi_rd_u8(&v->r, &t));
		if (!wasmi_is_valtype(t))
			return v_fail(v, "malformed value type 0x%02x", t);
	}
	TRY(v_pop(v, WASMI_I32, NULL));
	TRY(v_pop(v, t, &t1));
	TRY(v_pop(v, t == VT_UNKNOWN ? t1 : t, &t2));
	if (opcode == 0x1b && (wasmi_is_reftype(t1) || wasmi_is_reftype(t2)))
		return v_fail(v, "type mismatch: select without a type on references");
	pos = v->nvals;
	if (v_live(v)) {
		uint32_t a = v_slot(v, pos), b = v_slot(v, pos + 1), c = v_slot(v, pos + 2);
		v_emit(v, OP_SELECT);
		v_imm2(v, v_canon(v, pos), a);
		v_imm2(v, b, c);
		dst_here(v, 2, pos);
	}
	return v_push(v, t != VT_UNKNOWN ? t : t1 != VT_UNKNOWN ? t1 : t2);
}

static int pop_params(struct vctx *v, const struct wasmi_functype *ft)
{
	for (uint32_t i = ft->nparams; i-- > 0;)
		TRY(v_pop(v, ft->types[i], NULL));
	return 0;
}

static int push_results(struct vctx *v, const struct wasmi_functype *ft)
{
	for (uint32_t i = 0; i < ft->nresults; i++)
		TRY(v_push(v, ft->types[ft->nparams + i]));
	return 0;
}

/* Calls take their arguments from canonical slots: the callee's frame starts there. */
static int op_call(struct vctx *v, uint8_t opcode)
{
	const struct wasmi_module *m = v->m;
	const struct wasmi_functype *ft;
	uint32_t idx, table = 0, base;

	TRY(wasmi_rd_u32(&v->r, &idx));
	if (opcode == 0x10) {
		if (idx >= m->nfuncs)
			return v_fail(v, "unknown function %u", idx);
		ft = wasmi_module__func_type(m, idx);
		TRY(pop_params(v, ft));
		if (v_live(v)) {
			base = v_canon(v, v->nvals);
			v_materialize_range(v, v->nvals, v->nvals + ft->nparams);
			if (idx < m->nfunc_imports) {
				v_emit(v, OP_CALL_IMPORT);
				v_imm(v, idx);
			} else {
				v_emit(v, OP_CALL);
				v_imm(v, (uint64_t)(uintptr_t)&m->codes[idx - m->nfunc_imports]);
			}
			v_imm(v, base);
		}
		return push_results(v, ft);
	}
	TRY(wasmi_rd_u32(&v->r, &table));
	if (idx >= m->ntypes)
		return v_fail(v, "unknown type %u", idx);
	if (table >= m->ntables)
		return v_fail(v, "unknown table %u", table);
	if (m->tables[table].elem != WASMI_FUNCREF)
		return v_fail(v, "type mismatch: call_indirect through a non-funcref table");
	ft = &m->types[idx];
	TRY(v_pop(v, WASMI_I32, NULL));
	TRY(pop_params(v, ft));
	if (v_live(v)) {
		uint32_t elem = v_slot(v, v->nvals + ft->nparams);
		base = v_canon(v, v->nvals);
		v_materialize_range(v, v->nvals, v->nvals + ft->nparams);
		v_emit(v, OP_CALL_INDIRECT);
		v_imm2(v, idx, table);
		v_imm2(v, elem, base);
	}
	return push_results(v, ft);
}

/* Natural alignment (log2 size) of each load/store, indexed by opcode - 0x28. */
static const uint8_t mem_align[] = { 2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2,
				     2, 3, 2, 3, 0, 1, 0, 1, 2 };

static int op_mem(struct vctx *v, uint8_t opcode)
{
#define X_LOAD(name, opc, to, ct, mem) [opc - 0x28] = { OP_##name, T_##to, 0 },
#define X_STORE(name, opc, ti, ct, mem) [opc - 0x28] = { OP_##name, T_##ti, 1 },
	static const struct { uint16_t op; uint8_t type; uint8_t store; } info[] = {
		WASMI_MEM_OPS(X_LOAD, X_STORE)
	};
#undef X_LOAD
#undef X_STORE
	uint32_t align, offset;
	int k = opcode - 0x28;

	TRY(wasmi_rd_u32(&v->r, &align));
	TRY(wasmi_rd_u32(&v->r, &offset));
	if (!v->m->nmems)
		return v_fail(v, "unknown memory 0");
	if (align >= 32)
		return v_fail(v, "malformed memop flags (multi-memory is not supported)");
	if (align > mem_align[k])
		return v_fail(v, "alignment must not be larger than natural");
	if (info[k].store)
		TRY(v_pop(v, info[k].type, NULL));
	TRY(v_pop(v, WASMI_I32, NULL));
	if (v_live(v)) {
		size_t pos = v->nvals;
		uint32_t addr = v_slot(v, pos);
		uint32_t val = info[k].store ? v_slot(v, pos + 1) : 0;

		v_emit(v, info[k].op);
		v_imm2(v, info[k].store ? addr : v_canon(v, pos), info[k].store ? val : addr);
		v_imm(v, offset);
		if (!info[k].store)
			dst_here(v, 2, pos);
	}
	return info[k].store ? 0 : v_push(v, info[k].type);
}

static int op_memsize(struct vctx *v, uint8_t opcode)
{
	uint8_t zero;

	TRY(wasmi_rd_u8(&v->r, &zero));
	if (zero != 0)
		return v_fail(v, "zero byte expected");
	if (!v->m->nmems)
		return v_fail(v, "unknown memory 0");
	if (opcode == 0x40)
		TRY(v_pop(v, WASMI_I32, NULL));
	if (v_live(v)) {
		size_t pos = v->nvals;
		uint32_t delta = opcode == 0x40 ? v_slot(v, pos) : 0;

		v_emit(v, opcode == 0x3f ? OP_MEMORY_SIZE : OP_MEMORY_GROW);
		v_imm2(v, v_canon(v, pos), delta);
		dst_here(v, 1, pos);
	}
	return v_push(v, WASMI_I32);
}

static int op_ref(struct vctx *v, uint8_t opcode)
{
	uint8_t t;
	uint32_t idx;
	size_t pos;

	if (opcode == 0xd0) {
		TRY(wasmi_rd_u8(&v->r, &t));
		if (!wasmi_is_reftype(t))
			return v_fail(v, "malformed reference type 0x%02x", t);
		TRY(v_push(v, t));
		set_lazy(v, VK_CONST, 0, 0);
		return 0;
	}
	if (opcode == 0xd1) {
		TRY(v_pop(v, VT_UNKNOWN, &t));
		if (t != VT_UNKNOWN && !wasmi_is_reftype(t))
			return v_fail(v, "type mismatch: ref.is_null on %s", wasmi_valtype_name(t));
		pos = v->nvals;
		if (v_live(v)) {
			uint32_t a = v_slot(v, pos);
			v_emit(v, OP_REF_IS_NULL);
			v_imm2(v, v_canon(v, pos), a);
			dst_here(v, 1, pos);
		}
		return v_push(v, WASMI_I32);
	}
	TRY(wasmi_rd_u32(&v->r, &idx));
	if (idx >= v->m->nfuncs)
		return v_fail(v, "unknown function %u", idx);
	if (!v->m->func_declared || !v->m->func_declared[idx])
		return v_fail(v, "undeclared function reference %u", idx);
	if (v_live(v)) {
		v_emit(v, OP_REF_FUNC);
		v_imm2(v, v_canon(v, v->nvals), idx);
		dst_here(v, 1, v->nvals);
	}
	return v_push(v, WASMI_FUNCREF);
}

static int op_table_getset(struct vctx *v, uint8_t opcode)
{
	uint32_t t;
	size_t pos;

	TRY(wasmi_rd_u32(&v->r, &t));
	if (t >= v->m->ntables)
		return v_fail(v, "unknown table %u", t);
	if (opcode == 0x26)
		TRY(v_pop(v, v->m->tables[t].elem, NULL));
	TRY(v_pop(v, WASMI_I32, NULL));
	pos = v->nvals;
	if (v_live(v)) {
		uint32_t i = v_slot(v, pos);
		uint32_t val = opcode == 0x26 ? v_slot(v, pos + 1) : 0;

		v_emit(v, opcode == 0x25 ? OP_TABLE_GET : OP_TABLE_SET);
		v_imm2(v, opcode == 0x25 ? v_canon(v, pos) : i, opcode == 0x25 ? i : val);
		v_imm(v, t);
		if (opcode == 0x25)
			dst_here(v, 2, pos);
	}
	return opcode == 0x25 ? v_push(v, v->m->tables[t].elem) : 0;
}

static int op_illegal(struct vctx *v, uint8_t opcode)
{
	static const struct { uint8_t op; const char *feature; } known[] = {
		{ 0x06, "exception handling" }, { 0x07, "exception handling" },
		{ 0x08, "exception handling" }, { 0x09, "exception handling" },
		{ 0x12, "tail calls" },		{ 0x13, "tail calls" },
		{ 0x14, "typed function references" }, { 0xfd, "SIMD" },
		{ 0xfe, "threads (atomics)" },
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].op == opcode)
			return v_fail(v, "unsupported feature: %s (opcode 0x%02x)", known[i].feature,
				      opcode);
	return v_fail(v, "illegal opcode 0x%02x", opcode);
}

int wasmi_v_misc_numeric(struct vctx *v, uint32_t sub)
{
	return check_numeric(v, &num_info[256 + sub]);
}

/* The range default is overridden on purpose. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const v_handler wasmi_v_handlers[256] = {
	[0x00 ... 0xff] = op_illegal,
	[0x00 ... 0x05] = wasmi_v_control,
	[0x0b ... 0x0f] = wasmi_v_control,
	[0x10 ... 0x11] = op_call,
	[0x1a ... 0x1c] = op_drop_select,
	[0x20 ... 0x22] = op_local,
	[0x23 ... 0x24] = op_global,
	[0x25 ... 0x26] = op_table_getset,
	[0x28 ... 0x3e] = op_mem,
	[0x3f ... 0x40] = op_memsize,
	[0x41 ... 0x44] = op_const,
	[0x45 ... 0xc4] = op_numeric,
	[0xd0 ... 0xd2] = op_ref,
	[0xfc] = v_op_misc,
};
#pragma GCC diagnostic pop
