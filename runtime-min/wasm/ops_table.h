/* SPDX-License-Identifier: MIT */
/*
 * Table and reference helpers. Elements are struct wasmi_func pointers
 * (funcref) or host values (externref) stored as integers; 0 is null.
 * Ranges are checked before anything is written.
 */
#ifndef WASMI_OPS_TABLE_H
#define WASMI_OPS_TABLE_H

#include "wasmi_internal.h"

#include <string.h>

/* An instance's evaluated element segments (instance.c). */
uint64_t *wasmi_elem_values(struct wasmi_instance *in, uint32_t seg, uint32_t *cnt);

static inline int wi_table_fill(struct wasmi_table *t, uint32_t i, uint64_t val, uint32_t n)
{
	if ((uint64_t)i + n > t->size)
		return WT_TABLE_OOB;
	for (uint32_t k = 0; k < n; k++)
		t->elems[i + k] = val;
	return 0;
}

static inline int wi_table_copy(struct wasmi_table *dt, struct wasmi_table *st, uint32_t d,
				uint32_t s, uint32_t n)
{
	if ((uint64_t)d + n > dt->size || (uint64_t)s + n > st->size)
		return WT_TABLE_OOB;
	memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(uint64_t));
	return 0;
}

static inline int wi_table_init(struct wasmi_instance *in, struct wasmi_table *t, uint32_t seg,
				uint32_t d, uint32_t s, uint32_t n)
{
	uint32_t cnt;
	uint64_t *vals = wasmi_elem_values(in, seg, &cnt);

	if ((uint64_t)s + n > cnt || (uint64_t)d + n > t->size)
		return WT_TABLE_OOB;
	if (n)
		memcpy(t->elems + d, vals + s, (size_t)n * sizeof(uint64_t));
	return 0;
}

static inline bool wi_sig_eq(const struct wasmi_functype *a, const struct wasmi_functype *b)
{
	return a == b || !strcmp(a->sig, b->sig);
}

#endif /* WASMI_OPS_TABLE_H */
