/* SPDX-License-Identifier: MIT */
/*
 * The interpreter's handlers, included once inside run() (interp.c): one
 * label per internal instruction, a few lines each. Not a standalone header.
 */

/* Push a frame and enter compiled function c (arguments already on top). */
#define ENTER(c)                                                                   \
	do {                                                                       \
		slot_t *nfp_ = sp - (c)->nparams + 1;                              \
		if (depth >= in->nframes_max || nfp_ + (c)->max_slots > in->stack_end) \
			TRAP(WT_EXHAUSTED);                                        \
		in->frames[depth++] = (struct wasmi_frame){ ip, fp, code };         \
		fp = nfp_;                                                         \
		code = (c);                                                        \
		for (uint32_t i_ = code->nparams; i_ < code->nlocals; i_++)         \
			fp[i_].u64 = 0;                                            \
		sp = fp + code->nlocals - 1;                                       \
		ip = code->cells;                                                  \
		if (*intr)                                                         \
			TRAP(WT_INTERRUPTED);                                      \
	} while (0)

/* A backward jump checks the interrupt flag first. */
#define JUMP_CHECKED(off)                                                          \
	do {                                                                       \
		int64_t off_ = (off);                                              \
		if (off_ < 0 && *intr)                                             \
			TRAP(WT_INTERRUPTED);                                      \
		ip += off_;                                                        \
	} while (0)

/* ---- numeric (generated from WASMI_NUMERIC_OPS) --------------------------- */
#define H_UN(name, opc, ti, to, body)                                              \
	L_##name : {                                                               \
		ti##_CT a = sp->ti##_M;                                            \
		to##_CT r = 0;                                                     \
		body;                                                              \
		sp->to##_M = r;                                                    \
		NEXT();                                                            \
	}
#define H_BIN(name, opc, ti, to, body)                                             \
	L_##name : {                                                               \
		ti##_CT b = sp->ti##_M, a = sp[-1].ti##_M;                         \
		to##_CT r = 0;                                                     \
		body;                                                              \
		(--sp)->to##_M = r;                                                \
		NEXT();                                                            \
	}
WASMI_NUMERIC_OPS(H_UN, H_BIN)
#undef H_UN
#undef H_BIN

/* ---- loads and stores (generated from WASMI_MEM_OPS) ---------------------- */
#define H_LOAD(name, opc, to, ct, m)                                               \
	L_##name : {                                                               \
		uint64_t ea_ = (uint64_t)sp->u32 + (ip++)->u32;                    \
		ct v_;                                                             \
		if (ea_ + sizeof(ct) > memsize)                                    \
			TRAP(WT_MEM_OOB);                                          \
		memcpy(&v_, mem + ea_, sizeof(ct));                                \
		sp->m = (__typeof__(sp->m))v_;                                     \
		NEXT();                                                            \
	}
#define H_STORE(name, opc, ti, ct, m)                                              \
	L_##name : {                                                               \
		uint64_t ea_ = (uint64_t)sp[-1].u32 + (ip++)->u32;                 \
		ct v_ = (ct)sp->m;                                                 \
		sp -= 2;                                                           \
		if (ea_ + sizeof(ct) > memsize)                                    \
			TRAP(WT_MEM_OOB);                                          \
		memcpy(mem + ea_, &v_, sizeof(ct));                                \
		NEXT();                                                            \
	}
WASMI_MEM_OPS(H_LOAD, H_STORE)
#undef H_LOAD
#undef H_STORE

/* ---- control ------------------------------------------------------------ */
L_UNREACHABLE:
	TRAP(WT_UNREACHABLE);
L_BR:
	ip += ip->i64;
	NEXT();
L_BR_LOOP:
	JUMP_CHECKED(ip->i64);
	NEXT();
L_BR_MOVE:
	sp = move_results(sp, fp, ip[1].u64, ip[2].u64);
	ip += ip->i64;
	NEXT();
L_BR_LOOP_MOVE:
	sp = move_results(sp, fp, ip[1].u64, ip[2].u64);
	JUMP_CHECKED(ip->i64);
	NEXT();
L_BR_IF:
	if ((sp--)->u32)
		ip += ip->i64;
	else
		ip++;
	NEXT();
L_BR_IF_LOOP:
	if ((sp--)->u32)
		JUMP_CHECKED(ip->i64);
	else
		ip++;
	NEXT();
L_BR_IF_MOVE:
	if ((sp--)->u32) {
		sp = move_results(sp, fp, ip[1].u64, ip[2].u64);
		JUMP_CHECKED(ip->i64);
	} else {
		ip += 3;
	}
	NEXT();
L_BR_UNLESS:
	if ((sp--)->u32)
		ip++;
	else
		ip += ip->i64;
	NEXT();
L_BR_TABLE: {
	uint64_t n = ip->u64, i = (sp--)->u32;
	const union wasmi_cell *e = ip + 1 + 3 * (i < n ? i : n);

	sp = move_results(sp, fp, e[1].u64, e[2].u64);
	ip = e;
	JUMP_CHECKED(e->i64);
	NEXT();
}
L_RETURN: {
	const struct wasmi_frame *f;

	sp = move_results(sp, fp, 0, ip->u64);
	if (depth == base) {
		in->depth = base;
		return WASMI_OK;
	}
	f = &in->frames[--depth];
	ip = f->ip, fp = f->fp, code = f->code;
	NEXT();
}
L_CALL:
	callee = (ip++)->code;
	ENTER(callee);
	NEXT();
L_CALL_IMPORT:
	callee_f = in->funcs[(ip++)->u32];
	goto call_slow_path;
L_CALL_INDIRECT: {
	const struct wasmi_functype *want = &in->mod->types[ip[0].u32];
	const struct wasmi_table *t = in->tables[ip[1].u32];
	uint32_t i = (sp--)->u32;

	ip += 2;
	if (i >= t->size)
		TRAP(WT_UNDEF_ELEM);
	callee_f = (const struct wasmi_func *)(uintptr_t)t->elems[i];
	if (!callee_f)
		TRAP(WT_UNINIT_ELEM);
	if (!wi_sig_eq(callee_f->type, want))
		TRAP(WT_SIG);
	if (callee_f->code && callee_f->owner == in) {
		callee = callee_f->code;
		ENTER(callee);
		NEXT();
	}
	goto call_slow_path;
}
call_slow_path: {
	enum wasmi_status st;

	if (*intr)
		TRAP(WT_INTERRUPTED);
	in->depth = depth;
	st = call_slow(in, callee_f, sp);
	in->depth = depth;
	if (st != WASMI_OK) {
		in->depth = base;
		return st;
	}
	sp += (int64_t)callee_f->type->nresults - (int64_t)callee_f->type->nparams;
	RELOAD_MEM();
	NEXT();
}

/* ---- stack and variables ------------------------------------------------ */
L_DROP:
	sp--;
	NEXT();
L_SELECT: {
	uint32_t c = (sp--)->u32;

	sp--;
	if (!c)
		sp[0] = sp[1];
	NEXT();
}
L_LOCAL_GET:
	*++sp = fp[(ip++)->u32];
	NEXT();
L_LOCAL_SET:
	fp[(ip++)->u32] = *sp--;
	NEXT();
L_LOCAL_TEE:
	fp[(ip++)->u32] = *sp;
	NEXT();
L_LOCAL_GET2:
	sp[1] = fp[ip[0].u32];
	sp[2] = fp[ip[1].u32];
	sp += 2, ip += 2;
	NEXT();
L_LOCAL_SET_GET:
	fp[ip[0].u32] = *sp;
	*sp = fp[ip[1].u32];
	ip += 2;
	NEXT();
L_GLOBAL_GET:
	(++sp)->u64 = in->globals[(ip++)->u32]->val;
	NEXT();
L_GLOBAL_SET:
	in->globals[(ip++)->u32]->val = (sp--)->u64;
	NEXT();
L_CONST:
	(++sp)->u64 = (ip++)->u64;
	NEXT();

/* ---- fused forms -------------------------------------------------------- */
L_I32_ADD_IMM:
	sp->u32 += (ip++)->u32;
	NEXT();
L_I64_ADD_IMM:
	sp->u64 += (ip++)->u64;
	NEXT();
L_LOCAL_I32_ADD_IMM:
	fp[ip[0].u32].u32 += ip[1].u32;
	ip += 2;
	NEXT();
#define H_BR_CMP(name, expr)                                                       \
	L_##name : {                                                               \
		uint32_t b = sp[0].u32, a = sp[-1].u32;                            \
		sp -= 2;                                                           \
		if (expr)                                                          \
			JUMP_CHECKED(ip->i64);                                     \
		else                                                               \
			ip++;                                                      \
		NEXT();                                                            \
	}
H_BR_CMP(BR_IF_I32_NE, a != b)
H_BR_CMP(BR_IF_I32_EQ, a == b)
H_BR_CMP(BR_IF_I32_LT_S, (int32_t)a < (int32_t)b)
H_BR_CMP(BR_IF_I32_LT_U, a < b)
H_BR_CMP(BR_IF_I32_GE_S, (int32_t)a >= (int32_t)b)
H_BR_CMP(BR_IF_I32_GE_U, a >= b)
H_BR_CMP(BR_IF_I32_GT_S, (int32_t)a > (int32_t)b)
H_BR_CMP(BR_IF_I32_LE_S, (int32_t)a <= (int32_t)b)
#undef H_BR_CMP
L_BR_IF_I32_EQZ:
	if ((sp--)->u32 == 0)
		JUMP_CHECKED(ip->i64);
	else
		ip++;
	NEXT();

/* ---- memory ------------------------------------------------------------- */
L_MEMORY_SIZE:
	(++sp)->u32 = (uint32_t)(memsize / WASMI_PAGE);
	NEXT();
L_MEMORY_GROW: {
	uint32_t old;

	if (wasmi_mem_grow(in, in->mems[0], sp->u32, &old))
		old = UINT32_MAX;
	sp->u32 = old;
	RELOAD_MEM();
	NEXT();
}
L_MEMORY_INIT:
	TRAP_IF(wi_mem_init(in, (ip++)->u32, sp[-2].u32, sp[-1].u32, sp[0].u32));
	sp -= 3;
	NEXT();
L_DATA_DROP:
	in->data_dropped[(ip++)->u32] = true;
	NEXT();
L_MEMORY_COPY:
	TRAP_IF(wi_mem_copy(in->mems[0], sp[-2].u32, sp[-1].u32, sp[0].u32));
	sp -= 3;
	NEXT();
L_MEMORY_FILL:
	TRAP_IF(wi_mem_fill(in->mems[0], sp[-2].u32, sp[-1].u32, sp[0].u32));
	sp -= 3;
	NEXT();

/* ---- references and tables ---------------------------------------------- */
L_REF_IS_NULL:
	sp->u64 = sp->u64 == 0;
	NEXT();
L_REF_FUNC:
	(++sp)->u64 = (uint64_t)(uintptr_t)in->funcs[(ip++)->u32];
	NEXT();
L_TABLE_GET: {
	const struct wasmi_table *t = in->tables[(ip++)->u32];

	if (sp->u32 >= t->size)
		TRAP(WT_TABLE_OOB);
	sp->u64 = t->elems[sp->u32];
	NEXT();
}
L_TABLE_SET: {
	struct wasmi_table *t = in->tables[(ip++)->u32];

	if (sp[-1].u32 >= t->size)
		TRAP(WT_TABLE_OOB);
	t->elems[sp[-1].u32] = sp[0].u64;
	sp -= 2;
	NEXT();
}
L_TABLE_SIZE:
	(++sp)->u32 = in->tables[(ip++)->u32]->size;
	NEXT();
L_TABLE_GROW: {
	uint32_t old;

	if (wasmi_table_grow(in->tables[(ip++)->u32], sp[0].u32, sp[-1].u64, &old))
		old = UINT32_MAX;
	(--sp)->u64 = old;
	NEXT();
}
L_TABLE_FILL:
	TRAP_IF(wi_table_fill(in->tables[(ip++)->u32], sp[-2].u32, sp[-1].u64, sp[0].u32));
	sp -= 3;
	NEXT();
L_TABLE_COPY:
	TRAP_IF(wi_table_copy(in->tables[ip[0].u32], in->tables[ip[1].u32], sp[-2].u32,
			      sp[-1].u32, sp[0].u32));
	ip += 2, sp -= 3;
	NEXT();
L_TABLE_INIT:
	TRAP_IF(wi_table_init(in, in->tables[ip[0].u32], ip[1].u32, sp[-2].u32, sp[-1].u32,
			      sp[0].u32));
	ip += 2, sp -= 3;
	NEXT();
L_ELEM_DROP:
	in->elem_dropped[(ip++)->u32] = true;
	NEXT();

#undef ENTER
#undef JUMP_CHECKED
