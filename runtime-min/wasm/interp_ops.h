/* SPDX-License-Identifier: MIT */
/*
 * The interpreter's handlers, included once inside run() (interp.c): one
 * label per internal instruction, a few lines each. Operands are frame
 * slots named by the cells after the handler (see wasmi_ops.h). Not a
 * standalone header.
 */

#define LO(k) ip[k].p.lo
#define HI(k) ip[k].p.hi
#define S(x) fp[x]

/* Push a frame and enter compiled function c with its frame at nfp. */
#define ENTER(c, nfp)                                                              \
	do {                                                                       \
		slot_t *nfp_ = (nfp);                                              \
		if (depth >= nframes_max || nfp_ + (c)->max_slots > stack_end)      \
			TRAP(WT_EXHAUSTED);                                        \
		frames[depth++] = (struct wasmi_frame){ ip, fp, code };             \
		fp = nfp_;                                                         \
		code = (c);                                                        \
		for (uint32_t i_ = code->nparams; i_ < code->nlocals; i_++)         \
			fp[i_].u64 = 0;                                            \
		ip = code->cells;                                                  \
		if (*intr)                                                         \
			TRAP(WT_INTERRUPTED);                                      \
	} while (0)

/* ip points at a target cell: jump; a backward jump checks the interrupt flag. */
#define JUMP()                                                                     \
	do {                                                                       \
		int64_t off_ = ip->i64;                                            \
		if (off_ < 0 && *intr)                                             \
			TRAP(WT_INTERRUPTED);                                      \
		ip += off_;                                                        \
	} while (0)

/* ---- numeric (generated from WASMI_NUMERIC_OPS) --------------------------- */
#define H_UN(name, opc, ti, to, body)                                              \
	L_##name : {                                                               \
		ti##_CT a = S(HI(0)).ti##_M;                                       \
		to##_CT r = 0;                                                     \
		body;                                                              \
		S(LO(0)).to##_M = r;                                               \
		ip += 1;                                                           \
		NEXT();                                                            \
	}
#define H_BIN(name, opc, ti, to, body)                                             \
	L_##name : {                                                               \
		ti##_CT a = S(HI(0)).ti##_M, b = S(ip[1].u32).ti##_M;               \
		to##_CT r = 0;                                                     \
		body;                                                              \
		S(LO(0)).to##_M = r;                                               \
		ip += 2;                                                           \
		NEXT();                                                            \
	}                                                                          \
	L_##name##_I : {                                                           \
		ti##_CT a = S(HI(0)).ti##_M, b = ip[1].ti##_M;                      \
		to##_CT r = 0;                                                     \
		body;                                                              \
		S(LO(0)).to##_M = r;                                               \
		ip += 2;                                                           \
		NEXT();                                                            \
	}
WASMI_NUMERIC_OPS(H_UN, H_BIN)
#undef H_UN
#undef H_BIN

/* ---- loads and stores (generated from WASMI_MEM_OPS) ---------------------- */
#define H_LOAD(name, opc, to, ct, m)                                               \
	L_##name : {                                                               \
		uint64_t ea_ = (uint64_t)S(HI(0)).u32 + ip[1].u32;                 \
		ct v_;                                                             \
		if (ea_ + sizeof(ct) > memsize)                                    \
			TRAP(WT_MEM_OOB);                                          \
		memcpy(&v_, mem + ea_, sizeof(ct));                                \
		S(LO(0)).m = (__typeof__(S(0).m))v_;                               \
		ip += 2;                                                           \
		NEXT();                                                            \
	}
#define H_STORE(name, opc, ti, ct, m)                                              \
	L_##name : {                                                               \
		uint64_t ea_ = (uint64_t)S(LO(0)).u32 + ip[1].u32;                 \
		ct v_ = (ct)S(HI(0)).m;                                            \
		if (ea_ + sizeof(ct) > memsize)                                    \
			TRAP(WT_MEM_OOB);                                          \
		memcpy(mem + ea_, &v_, sizeof(ct));                                \
		ip += 2;                                                           \
		NEXT();                                                            \
	}
WASMI_MEM_OPS(H_LOAD, H_STORE)
#undef H_LOAD
#undef H_STORE

/* ---- control ------------------------------------------------------------ */
L_UNREACHABLE:
	TRAP(WT_UNREACHABLE);
L_BR:
	JUMP();
	NEXT();
L_BR_IF:
	if (S(ip[0].u32).u32) {
		ip++;
		JUMP();
	} else {
		ip += 2;
	}
	NEXT();
L_BR_UNLESS:
	if (!S(ip[0].u32).u32) {
		ip++;
		JUMP();
	} else {
		ip += 2;
	}
	NEXT();
L_BR_MOVE:
	copy_slots(fp + LO(1), fp + HI(1), ip[2].u64);
	JUMP();
	NEXT();
L_BR_IF_MOVE:
	if (S(ip[0].u32).u32) {
		copy_slots(fp + LO(2), fp + HI(2), ip[3].u64);
		ip++;
		JUMP();
	} else {
		ip += 4;
	}
	NEXT();
L_BR_TABLE: {
	uint64_t n = ip[1].u64, i = S(ip[0].u32).u32;

	ip += 2 + 3 * (i < n ? i : n);
	copy_slots(fp + LO(1), fp + HI(1), ip[2].u64);
	JUMP();
	NEXT();
}
L_RETURN: {
	const struct wasmi_frame *f;

	if (HI(0) == 1)
		fp[0] = fp[LO(0)];
	else
		copy_slots(fp, fp + LO(0), HI(0));
	if (depth == base) {
		in->depth = base;
		return WASMI_OK;
	}
	f = &frames[--depth];
	ip = f->ip, fp = f->fp, code = f->code;
	NEXT();
}
L_CALL: {
	const struct wasmi_code *c = ip[0].code;
	slot_t *nfp = fp + ip[1].u32;

	ip += 2;
	ENTER(c, nfp);
	NEXT();
}
L_CALL_IMPORT:
	callee_f = in->funcs[ip[0].u32];
	args = fp + ip[1].u32;
	ip += 2;
	goto call_slow_path;
L_CALL_INDIRECT: {
	const struct wasmi_functype *want = &in->mod->types[LO(0)];
	const struct wasmi_table *t = in->tables[HI(0)];
	uint32_t i = S(LO(1)).u32;

	args = fp + HI(1);
	ip += 2;
	if (i >= t->size)
		TRAP(WT_UNDEF_ELEM);
	callee_f = (const struct wasmi_func *)(uintptr_t)t->elems[i];
	if (!callee_f)
		TRAP(WT_UNINIT_ELEM);
	if (!wi_sig_eq(callee_f->type, want))
		TRAP(WT_SIG);
	if (callee_f->code && callee_f->owner == in) {
		ENTER(callee_f->code, args);
		NEXT();
	}
	goto call_slow_path;
}
call_slow_path: {
	enum wasmi_status st;

	if (*intr)
		TRAP(WT_INTERRUPTED);
	in->depth = depth;
	st = call_slow(in, callee_f, args);
	if (st != WASMI_OK) {
		in->depth = base;
		return st;
	}
	RELOAD_MEM();
	NEXT();
}

/* ---- variables and values ----------------------------------------------- */
L_SELECT:
	S(LO(0)) = S(HI(1)).u32 ? S(HI(0)) : S(LO(1));
	ip += 2;
	NEXT();
L_MOV:
	S(LO(0)) = S(HI(0));
	ip += 1;
	NEXT();
L_CONST:
	S(ip[0].u32).u64 = ip[1].u64;
	ip += 2;
	NEXT();
L_GLOBAL_GET:
	S(LO(0)).u64 = in->globals[HI(0)]->val;
	ip += 1;
	NEXT();
L_GLOBAL_SET:
	in->globals[LO(0)]->val = S(HI(0)).u64;
	ip += 1;
	NEXT();
L_BR_I32_EQZ:
	if (S(HI(0)).u32 == 0) {
		ip++;
		JUMP();
	} else {
		ip += 2;
	}
	NEXT();
#define H_BR_CMP(name, expr)                                                       \
	L_BR_I32_##name : {                                                        \
		uint32_t a = S(HI(0)).u32, b = S(ip[1].u32).u32;                    \
		if (expr) {                                                        \
			ip += 2;                                                   \
			JUMP();                                                    \
		} else {                                                           \
			ip += 3;                                                   \
		}                                                                  \
		NEXT();                                                            \
	}                                                                          \
	L_BR_I32_##name##_I : {                                                    \
		uint32_t a = S(HI(0)).u32, b = ip[1].u32;                           \
		if (expr) {                                                        \
			ip += 2;                                                   \
			JUMP();                                                    \
		} else {                                                           \
			ip += 3;                                                   \
		}                                                                  \
		NEXT();                                                            \
	}
WASMI_BR_CMP_OPS(H_BR_CMP)
#undef H_BR_CMP

/* ---- memory ------------------------------------------------------------- */
L_MEMORY_SIZE:
	S(LO(0)).u32 = (uint32_t)(memsize / WASMI_PAGE);
	ip += 1;
	NEXT();
L_MEMORY_GROW: {
	uint32_t old;

	if (wasmi_mem_grow(in, in->mems[0], S(HI(0)).u32, &old))
		old = UINT32_MAX;
	S(LO(0)).u32 = old;
	ip += 1;
	RELOAD_MEM();
	NEXT();
}
L_MEMORY_INIT:
	TRAP_IF(wi_mem_init(in, HI(1), S(LO(0)).u32, S(HI(0)).u32, S(LO(1)).u32));
	ip += 2;
	NEXT();
L_DATA_DROP:
	in->data_dropped[ip[0].u32] = true;
	ip += 1;
	NEXT();
L_MEMORY_COPY:
	TRAP_IF(wi_mem_copy(in->mems[0], S(LO(0)).u32, S(HI(0)).u32, S(LO(1)).u32));
	ip += 2;
	NEXT();
L_MEMORY_FILL:
	TRAP_IF(wi_mem_fill(in->mems[0], S(LO(0)).u32, S(HI(0)).u32, S(LO(1)).u32));
	ip += 2;
	NEXT();

/* ---- references and tables ---------------------------------------------- */
L_REF_IS_NULL:
	S(LO(0)).u64 = S(HI(0)).u64 == 0;
	ip += 1;
	NEXT();
L_REF_FUNC:
	S(LO(0)).u64 = (uint64_t)(uintptr_t)in->funcs[HI(0)];
	ip += 1;
	NEXT();
L_TABLE_GET: {
	const struct wasmi_table *t = in->tables[ip[1].u32];
	uint32_t i = S(HI(0)).u32;

	if (i >= t->size)
		TRAP(WT_TABLE_OOB);
	S(LO(0)).u64 = t->elems[i];
	ip += 2;
	NEXT();
}
L_TABLE_SET: {
	struct wasmi_table *t = in->tables[ip[1].u32];
	uint32_t i = S(LO(0)).u32;

	if (i >= t->size)
		TRAP(WT_TABLE_OOB);
	t->elems[i] = S(HI(0)).u64;
	ip += 2;
	NEXT();
}
L_TABLE_SIZE:
	S(LO(0)).u32 = in->tables[HI(0)]->size;
	ip += 1;
	NEXT();
L_TABLE_GROW: {
	uint32_t old;

	if (wasmi_table_grow(in->tables[HI(1)], S(LO(1)).u32, S(HI(0)).u64, &old))
		old = UINT32_MAX;
	S(LO(0)).u64 = old;
	ip += 2;
	NEXT();
}
L_TABLE_FILL:
	TRAP_IF(wi_table_fill(in->tables[HI(1)], S(LO(0)).u32, S(HI(0)).u64, S(LO(1)).u32));
	ip += 2;
	NEXT();
L_TABLE_COPY:
	TRAP_IF(wi_table_copy(in->tables[LO(2)], in->tables[HI(2)], S(LO(0)).u32, S(HI(0)).u32,
			      S(LO(1)).u32));
	ip += 3;
	NEXT();
L_TABLE_INIT:
	TRAP_IF(wi_table_init(in, in->tables[LO(2)], HI(2), S(LO(0)).u32, S(HI(0)).u32,
			      S(LO(1)).u32));
	ip += 3;
	NEXT();
L_ELEM_DROP:
	in->elem_dropped[ip[0].u32] = true;
	ip += 1;
	NEXT();

#undef ENTER
#undef JUMP
#undef LO
#undef HI
#undef S
