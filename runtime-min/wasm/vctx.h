/* SPDX-License-Identifier: MIT */
/*
 * The function validator/compiler's context, shared by validate.c (control
 * flow, stacks, emission) and validate_ops.c / validate_module.c (the other
 * instructions). Validation follows the spec's algorithm (operand and
 * control stacks with an unknown type in unreachable code).
 *
 * Compilation turns the stack machine into a register machine over frame
 * slots: operand stack entry k lives in slot nlocals + k ("canonical"), but
 * an entry may also stay lazy, naming the local or the constant it came
 * from, so that `local.get`/`i32.const` cost nothing and instructions read
 * locals directly. Lazy entries are made canonical before anything that
 * joins control flow (blocks, branches), before call arguments are passed,
 * and before the local they name is written.
 */
#ifndef WASMI_VCTX_H
#define WASMI_VCTX_H

#include "wasmi_internal.h"

#define VT_UNKNOWN 0
/*
 * Entries may stay lazy only this close to the current block's base, so the
 * scans for lazy entries cost O(window), not O(stack depth), on hostile code.
 */
#define WASMI_LAZY_WINDOW 64

enum ctl_kind { CTL_FUNC, CTL_BLOCK, CTL_LOOP, CTL_IF, CTL_ELSE };

struct ctl {
	uint8_t kind;
	bool unreachable;
	bool dead;	   /* opened inside unreachable code: emits nothing */
	uint32_t height;   /* operand count below the block's params */
	uint32_t nparams, nresults;
	const uint8_t *params, *results;
	size_t start;	   /* loop: cell index of the first instruction */
	size_t patch;	   /* chain of forward branch cells (index + 1) */
	size_t else_patch; /* if: the cell of the BR_UNLESS target (index + 1) */
};

enum vloc_kind { VK_SLOT, VK_LOCAL, VK_CONST };

/* Where an operand stack entry's value is. */
struct vloc {
	uint8_t kind;
	uint32_t local;
	uint64_t c;
};

struct vctx {
	struct wasmi_module *m;
	struct wasmi_code *c;
	struct wasmi_error *err;
	struct wasmi_reader r;
	const void *const *labels;
	bool oom; /* sticky: emission ran out of memory */
	union wasmi_cell sink;

	uint8_t *locals;
	uint32_t nlocals;
	uint8_t *vals;
	struct vloc *locs; /* parallel to vals */
	size_t nvals, capvals;
	struct ctl *ctls;
	size_t nctls, capctls;
	union wasmi_cell *cells;
	size_t ncells, capcells;
	uint32_t max_height;

	/* peephole state: the last instruction, if nothing jumps in after it */
	int last_op;
	size_t last_pos;
	/* the last instruction wrote operand position last_dst_pos via the lo
	 * half of cell last_dst_cell (0: none); local.set may retarget it */
	size_t last_dst_cell;
	size_t last_dst_pos;
};

#define TRY(x)                                  \
	do {                                    \
		int err_ = (x);                 \
		if (err_)                       \
			return err_;            \
	} while (0)

int v_fail(struct vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int v_push(struct vctx *v, uint8_t t);
int v_pop(struct vctx *v, uint8_t expect, uint8_t *got);
bool v_live(const struct vctx *v);
/* Emission never fails on the spot: out of memory is reported at the end. */
void v_emit(struct vctx *v, int op);
void v_imm(struct vctx *v, uint64_t x);
void v_imm2(struct vctx *v, uint32_t lo, uint32_t hi);
void v_label_here(struct vctx *v);

static inline uint32_t v_canon(const struct vctx *v, size_t pos)
{
	return v->nlocals + (uint32_t)pos;
}

/* Store entry pos to its canonical slot if it is lazy. */
void v_materialize(struct vctx *v, size_t pos);
/* The slot holding entry pos (constants are stored to their canonical slot). */
uint32_t v_slot(struct vctx *v, size_t pos);
/* Make entries [from, nvals) canonical. */
void v_materialize_from(struct vctx *v, size_t from);
/* Make entries [from, to) canonical (also popped ones, still in the arrays). */
void v_materialize_range(struct vctx *v, size_t from, size_t to);
/* Make canonical every entry below `below` that names local x. */
void v_materialize_local(struct vctx *v, uint32_t x, size_t below);
/* Record that the instruction just emitted writes position pos via cell `cell`. */
void v_set_dst(struct vctx *v, size_t cell, size_t pos);

int wasmi_v_control(struct vctx *v, uint8_t opcode);
int wasmi_v_misc_numeric(struct vctx *v, uint32_t sub);
void v_unemit_last(struct vctx *v);

typedef int (*v_handler)(struct vctx *v, uint8_t opcode);
int v_op_misc(struct vctx *v, uint8_t opcode);
extern const v_handler wasmi_v_handlers[256];

#endif /* WASMI_VCTX_H */
