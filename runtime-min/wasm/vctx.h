/* SPDX-License-Identifier: MIT */
/*
 * The function validator/compiler's context, shared by validate.c (control
 * flow, stacks, emission) and validate_ops.c (every other instruction).
 * Validation follows the spec's algorithm (operand and control stacks with
 * an unknown type in unreachable code); each instruction is emitted as soon
 * as it is validated, unless the code is unreachable.
 */
#ifndef WASMI_VCTX_H
#define WASMI_VCTX_H

#include "wasmi_internal.h"

#define VT_UNKNOWN 0

enum ctl_kind { CTL_FUNC, CTL_BLOCK, CTL_LOOP, CTL_IF, CTL_ELSE };

struct ctl {
	uint8_t kind;
	bool unreachable;
	bool dead;	   /* opened inside unreachable code: emits nothing */
	uint8_t inl;	   /* storage for a single-result block type */
	uint32_t height;   /* operand count below the block's params */
	uint32_t nparams, nresults;
	const uint8_t *params, *results;
	size_t start;	   /* loop: cell index of the first instruction */
	size_t patch;	   /* chain of forward branch cells (index + 1) */
	size_t else_patch; /* if: the cell of the BR_UNLESS target (index + 1) */
};

struct vctx {
	struct wasmi_module *m;
	struct wasmi_code *c;
	struct wasmi_error *err;
	struct wasmi_reader r;
	const void *const *labels;

	uint8_t *locals;
	uint32_t nlocals;
	uint8_t *vals;
	size_t nvals, capvals;
	struct ctl *ctls;
	size_t nctls, capctls;
	union wasmi_cell *cells;
	size_t ncells, capcells;
	uint32_t max_height;

	/* peephole state: the last emitted instruction, if nothing jumps between */
	int last_op;
	size_t last_pos;
	int prev_op;
	size_t prev_pos;
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
int v_emit(struct vctx *v, int op);
int v_imm(struct vctx *v, uint64_t x);
void v_label_here(struct vctx *v);

int wasmi_v_control(struct vctx *v, uint8_t opcode);
int wasmi_v_emit_branch(struct vctx *v, struct ctl *l, bool cond);
/* br_if: folds a preceding compare into the branch when it can. */
int wasmi_v_fuse_br_if(struct vctx *v, struct ctl *l);
void v_unemit_last(struct vctx *v);

typedef int (*v_handler)(struct vctx *v, uint8_t opcode);
int v_op_misc(struct vctx *v, uint8_t opcode);
extern const v_handler wasmi_v_handlers[256];

#endif /* WASMI_VCTX_H */
