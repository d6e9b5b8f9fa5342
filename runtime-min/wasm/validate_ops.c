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

/* Fold an i32/i64 constant right before an add/sub into the add. */
static bool fuse_const_add(struct vctx *v, int op)
{
	uint64_t c;

	if (v->last_op != OP_CONST)
		return false;
	c = v->cells[v->last_pos + 1].u64;
	v_unemit_last(v);
	if (op == OP_I32_SUB || op == OP_I64_SUB)
		c = -c;
	v_emit(v, (op == OP_I32_ADD || op == OP_I32_SUB) ? OP_I32_ADD_IMM : OP_I64_ADD_IMM);
	v_imm(v, op == OP_I32_ADD || op == OP_I32_SUB ? (uint32_t)c : c);
	return true;
}

static int emit_numeric(struct vctx *v, const struct num_info *ni)
{
	static const uint16_t addsub[] = { OP_I32_ADD, OP_I32_SUB, OP_I64_ADD, OP_I64_SUB };

	for (size_t i = 0; i < 4; i++)
		if (ni->op == addsub[i] && fuse_const_add(v, ni->op))
			return 0;
	return v_emit(v, ni->op);
}

static int check_numeric(struct vctx *v, const struct num_info *ni)
{
	for (uint8_t i = 0; i < ni->nin; i++)
		TRY(v_pop(v, ni->in, NULL));
	TRY(v_push(v, ni->out));
	return v_live(v) ? emit_numeric(v, ni) : 0;
}

static int op_numeric(struct vctx *v, uint8_t opcode)
{
	const struct num_info *ni = &num_info[opcode];

	/* the reinterpretations keep the bits: only the type changes */
	if (opcode >= 0xbc && opcode <= 0xbf) {
		static const uint8_t from[] = { T_F32, T_F64, T_I32, T_I64 };
		static const uint8_t to[] = { T_I32, T_I64, T_F32, T_F64 };
		TRY(v_pop(v, from[opcode - 0xbc], NULL));
		return v_push(v, to[opcode - 0xbc]);
	}
	if (!ni->nin)
		return v_fail(v, "illegal opcode 0x%02x", opcode);
	return check_numeric(v, ni);
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
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, OP_CONST));
	return v_imm(v, bits);
}

static int op_local(struct vctx *v, uint8_t opcode)
{
	uint32_t idx;
	uint8_t t;

	TRY(wasmi_rd_u32(&v->r, &idx));
	if (idx >= v->nlocals)
		return v_fail(v, "unknown local %u", idx);
	t = v->locals[idx];
	if (opcode != 0x20)
		TRY(v_pop(v, t, NULL));
	if (opcode != 0x21)
		TRY(v_push(v, t));
	if (!v_live(v))
		return 0;
	if (opcode == 0x20 && v->last_op == OP_LOCAL_GET) {
		/* local.get a; local.get b */
		v->cells[v->last_pos].h = v->labels[OP_LOCAL_GET2];
		v->last_op = OP_LOCAL_GET2;
		return v_imm(v, idx);
	}
	if (opcode == 0x21 && v->last_op == OP_I32_ADD_IMM && v->prev_op == OP_LOCAL_GET &&
	    v->cells[v->prev_pos + 1].u64 == idx) {
		/* local.get x; i32.const c; i32.add; local.set x */
		uint64_t c = v->cells[v->last_pos + 1].u64;
		v->ncells = v->prev_pos;
		v_label_here(v);
		TRY(v_emit(v, OP_LOCAL_I32_ADD_IMM));
		TRY(v_imm(v, idx));
		return v_imm(v, c);
	}
	TRY(v_emit(v, opcode == 0x20 ? OP_LOCAL_GET : opcode == 0x21 ? OP_LOCAL_SET : OP_LOCAL_TEE));
	return v_imm(v, idx);
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
	} else {
		TRY(v_push(v, g->type));
	}
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, opcode == 0x23 ? OP_GLOBAL_GET : OP_GLOBAL_SET));
	return v_imm(v, idx);
}

static int op_drop_select(struct vctx *v, uint8_t opcode)
{
	uint8_t t1, t2, t = VT_UNKNOWN;

	if (opcode == 0x1a) {
		TRY(v_pop(v, VT_UNKNOWN, NULL));
		return v_live(v) ? v_emit(v, OP_DROP) : 0;
	}
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
	TRY(v_push(v, t != VT_UNKNOWN ? t : t1 != VT_UNKNOWN ? t1 : t2));
	return v_live(v) ? v_emit(v, OP_SELECT) : 0;
}

static int pop_push_type(struct vctx *v, const struct wasmi_functype *ft)
{
	for (uint32_t i = ft->nparams; i-- > 0;)
		TRY(v_pop(v, ft->types[i], NULL));
	for (uint32_t i = 0; i < ft->nresults; i++)
		TRY(v_push(v, ft->types[ft->nparams + i]));
	return 0;
}

static int op_call(struct vctx *v, uint8_t opcode)
{
	const struct wasmi_module *m = v->m;
	uint32_t idx, table = 0;

	TRY(wasmi_rd_u32(&v->r, &idx));
	if (opcode == 0x10) {
		if (idx >= m->nfuncs)
			return v_fail(v, "unknown function %u", idx);
		TRY(pop_push_type(v, wasmi_module__func_type(m, idx)));
		if (!v_live(v))
			return 0;
		if (idx < m->nfunc_imports) {
			TRY(v_emit(v, OP_CALL_IMPORT));
			return v_imm(v, idx);
		}
		TRY(v_emit(v, OP_CALL));
		return v_imm(v, (uint64_t)(uintptr_t)&m->codes[idx - m->nfunc_imports]);
	}
	TRY(wasmi_rd_u32(&v->r, &table));
	if (idx >= m->ntypes)
		return v_fail(v, "unknown type %u", idx);
	if (table >= m->ntables)
		return v_fail(v, "unknown table %u", table);
	if (m->tables[table].elem != WASMI_FUNCREF)
		return v_fail(v, "type mismatch: call_indirect through a non-funcref table");
	TRY(v_pop(v, WASMI_I32, NULL));
	TRY(pop_push_type(v, &m->types[idx]));
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, OP_CALL_INDIRECT));
	TRY(v_imm(v, idx));
	return v_imm(v, table);
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
	if (!info[k].store)
		TRY(v_push(v, info[k].type));
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, info[k].op));
	return v_imm(v, offset);
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
	TRY(v_push(v, WASMI_I32));
	return v_live(v) ? v_emit(v, opcode == 0x3f ? OP_MEMORY_SIZE : OP_MEMORY_GROW) : 0;
}

static int op_ref(struct vctx *v, uint8_t opcode)
{
	uint8_t t;
	uint32_t idx;

	if (opcode == 0xd0) {
		TRY(wasmi_rd_u8(&v->r, &t));
		if (!wasmi_is_reftype(t))
			return v_fail(v, "malformed reference type 0x%02x", t);
		TRY(v_push(v, t));
		if (!v_live(v))
			return 0;
		TRY(v_emit(v, OP_CONST));
		return v_imm(v, 0);
	}
	if (opcode == 0xd1) {
		TRY(v_pop(v, VT_UNKNOWN, &t));
		if (t != VT_UNKNOWN && !wasmi_is_reftype(t))
			return v_fail(v, "type mismatch: ref.is_null on %s", wasmi_valtype_name(t));
		TRY(v_push(v, WASMI_I32));
		return v_live(v) ? v_emit(v, OP_REF_IS_NULL) : 0;
	}
	TRY(wasmi_rd_u32(&v->r, &idx));
	if (idx >= v->m->nfuncs)
		return v_fail(v, "unknown function %u", idx);
	if (!v->m->func_declared || !v->m->func_declared[idx])
		return v_fail(v, "undeclared function reference %u", idx);
	TRY(v_push(v, WASMI_FUNCREF));
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, OP_REF_FUNC));
	return v_imm(v, idx);
}

static int op_table_getset(struct vctx *v, uint8_t opcode)
{
	uint32_t t;

	TRY(wasmi_rd_u32(&v->r, &t));
	if (t >= v->m->ntables)
		return v_fail(v, "unknown table %u", t);
	if (opcode == 0x26)
		TRY(v_pop(v, v->m->tables[t].elem, NULL));
	TRY(v_pop(v, WASMI_I32, NULL));
	if (opcode == 0x25)
		TRY(v_push(v, v->m->tables[t].elem));
	if (!v_live(v))
		return 0;
	TRY(v_emit(v, opcode == 0x25 ? OP_TABLE_GET : OP_TABLE_SET));
	return v_imm(v, t);
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

/* Compare + br_if: one instruction when no value has to move. */
int wasmi_v_fuse_br_if(struct vctx *v, struct ctl *l)
{
	static const struct { uint16_t cmp, fused; } pairs[] = {
		{ OP_I32_EQZ, OP_BR_IF_I32_EQZ },   { OP_I32_NE, OP_BR_IF_I32_NE },
		{ OP_I32_EQ, OP_BR_IF_I32_EQ },	    { OP_I32_LT_S, OP_BR_IF_I32_LT_S },
		{ OP_I32_LT_U, OP_BR_IF_I32_LT_U }, { OP_I32_GE_S, OP_BR_IF_I32_GE_S },
		{ OP_I32_GE_U, OP_BR_IF_I32_GE_U }, { OP_I32_GT_S, OP_BR_IF_I32_GT_S },
		{ OP_I32_LE_S, OP_BR_IF_I32_LE_S },
	};
	const uint8_t *t;
	uint32_t n = l->kind == CTL_LOOP ? l->nparams : l->nresults;
	bool move = v->nvals - n != l->height;

	(void)t;
	if (!move && l != &v->ctls[0]) {
		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			if (v->last_op != pairs[i].cmp)
				continue;
			v_unemit_last(v);
			TRY(v_emit(v, pairs[i].fused));
			if (l->kind == CTL_LOOP)
				return v_imm(v, (uint64_t)((int64_t)l->start - (int64_t)v->ncells));
			TRY(v_imm(v, l->patch));
			l->patch = v->ncells;
			return 0;
		}
	}
	return wasmi_v_emit_branch(v, l, true);
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
