// SPDX-License-Identifier: MIT
/*
 * The interpreter loop: direct-threaded code (each cell holds its handler's
 * address) dispatched with computed goto, so every handler ends in its own
 * indirect jump. Handlers are a few lines each; numeric and memory handlers
 * are generated from the tables in wasmi_ops.h and call the inline helpers
 * of ops_numeric.h, ops_convert.h, ops_memory.h and ops_table.h. Needs GNU
 * C (gcc or clang) for labels as values.
 *
 * The code is a register machine over frame slots (see vctx.h): fp points
 * at slot 0 of the frame (params, locals, then operand stack slots), ip at
 * the current handler's first operand cell; mem/memsize cache memory 0 and
 * are reloaded after anything that can grow it.
 */
#include "ops_convert.h"
#include "ops_memory.h"
#include "ops_numeric.h"
#include "ops_table.h"

#include <stdlib.h>
#include <string.h>

typedef union wasmi_slot slot_t;

#define I32_M u32
#define I64_M u64
#define F32_M f32
#define F64_M f64
#define I32_CT uint32_t
#define I64_CT uint64_t
#define F32_CT float
#define F64_CT double

#define NEXT() goto *(ip++)->h
#define TRAP(kind)                      \
	do {                            \
		tk = (kind);            \
		goto trap;              \
	} while (0)
#define TRAP_IF(expr)                   \
	do {                            \
		int tk_ = (expr);       \
		if (tk_)                \
			TRAP(tk_);      \
	} while (0)
#define RELOAD_MEM()                                             \
	do {                                                     \
		if (in->mems) {                                  \
			mem = in->mems[0]->data;                 \
			memsize = in->mems[0]->size;             \
		}                                                \
	} while (0)

/* Copy n slots; dst <= src or the ranges are disjoint, so forward is safe. */
static inline void copy_slots(slot_t *dst, const slot_t *src, uint64_t n)
{
	if (dst == src)
		return;
	for (uint64_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/*
 * Call a host function or a function of another instance: arguments are in
 * args[0..nparams); the results replace them. Returns a status.
 */
static enum wasmi_status call_slow(struct wasmi_instance *in, const struct wasmi_func *f,
				   slot_t *args)
{
	uint32_t np = f->type->nparams, nr = f->type->nresults;
	enum wasmi_status st;

	in->sp = args - 1 + (np > nr ? np : nr);
	/* hosts see 32-bit values zero-extended, whatever the slot held before */
	for (uint32_t i = 0; i < np; i++)
		if (f->type->types[i] == WASMI_I32 || f->type->types[i] == WASMI_F32)
			args[i].u64 = args[i].u32;
	if (f->host) {
		union wasmi_value res[nr + 1];

		memset(res, 0, sizeof(res));
		st = f->host(in, f->user, (const union wasmi_value *)args, res);
		if (st == WASMI_OK)
			memcpy(args, res, nr * sizeof(slot_t));
		return st;
	}
	struct wasmi_instance *o = f->owner;
	slot_t *oargs = o->sp + 1;

	if (oargs + np + nr > o->stack_end)
		return wasmi_trap(in, f->index, wasmi_trap_name(WT_EXHAUSTED));
	memcpy(oargs, args, np * sizeof(slot_t));
	st = wasmi_interp_call(o, f, oargs);
	if (st == WASMI_OK)
		memcpy(args, oargs, nr * sizeof(slot_t));
	else if (st == WASMI_TRAP)
		memcpy(in->trap, o->trap, sizeof(in->trap));
	else if (st == WASMI_EXIT)
		in->exit_code = o->exit_code, in->exited = true;
	return st;
}

static enum wasmi_status run(struct wasmi_instance *in, const struct wasmi_code *code, slot_t *fp,
			     const void *const **labels_out)
{
#define LBL_UN(name, ...) &&L_##name,
#define LBL_X(name) &&L_##name,
#define LBL_BIN(name, ...) &&L_##name, &&L_##name##_I,
#define LBL_BRC(name, expr) &&L_BR_I32_##name, &&L_BR_I32_##name##_I,
	static const void *const labels[] = {
		WASMI_NUMERIC_OPS(LBL_UN, LBL_BIN) WASMI_MEM_OPS(LBL_UN, LBL_UN)
			WASMI_OTHER_OPS(LBL_X) WASMI_BR_CMP_OPS(LBL_BRC)
	};
#undef LBL_UN
#undef LBL_BIN
#undef LBL_X
#undef LBL_BRC
	if (labels_out) {
		*labels_out = labels;
		return WASMI_OK;
	}

	const union wasmi_cell *ip = code->cells;
	slot_t *args;
	uint8_t *mem = NULL;
	uint64_t memsize = 0;
	uint32_t base = in->depth, depth = in->depth;
	volatile int *intr = in->interrupt;
	struct wasmi_frame *const frames = in->frames;
	const slot_t *const stack_end = in->stack_end;
	const uint32_t nframes_max = in->nframes_max;
	int tk = WT_NONE;
	const struct wasmi_func *callee_f;

	if (fp + code->max_slots > in->stack_end || depth >= in->nframes_max)
		TRAP(WT_EXHAUSTED);
	memset(fp + code->nparams, 0, (code->nlocals - code->nparams) * sizeof(slot_t));
	RELOAD_MEM();
	NEXT();

#include "interp_ops.h"

trap:
	in->depth = base;
	return wasmi_trap(in, code->index, wasmi_trap_name(tk));
}

const void *const *wasmi_interp_labels(void)
{
	const void *const *labels = NULL;

	run(NULL, NULL, NULL, &labels);
	return labels;
}

enum wasmi_status wasmi_interp_call(struct wasmi_instance *in, const struct wasmi_func *f,
				    union wasmi_slot *args)
{
	enum wasmi_status st;
	union wasmi_slot *saved = in->sp;

	if (!f->code) {
		union wasmi_value res[f->type->nresults + 1];

		memset(res, 0, sizeof(res));
		in->sp = args - 1 + f->type->nparams;
		st = f->host(in, f->user, (const union wasmi_value *)args, res);
		if (st == WASMI_OK)
			memcpy(args, res, f->type->nresults * sizeof(*args));
		in->sp = saved;
		return st;
	}
	if (in->nested >= WASMI_MAX_NESTED_RUNS) {
		in->sp = saved;
		return wasmi_trap(in, f->index, wasmi_trap_name(WT_EXHAUSTED));
	}
	in->nested++;
	st = run(in, f->code, args, NULL);
	in->nested--;
	in->sp = saved;
	return st;
}
