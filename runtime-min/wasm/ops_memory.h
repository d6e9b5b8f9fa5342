/* SPDX-License-Identifier: MIT */
/*
 * Bulk memory helpers. Every range is checked in 64-bit arithmetic before
 * any byte moves, so a trap leaves memory untouched (the spec's 2.0 rule).
 */
#ifndef WASMI_OPS_MEMORY_H
#define WASMI_OPS_MEMORY_H

#include "wasmi_internal.h"

#include <string.h>

static inline int wi_mem_copy(struct wasmi_memory *m, uint32_t d, uint32_t s, uint32_t n)
{
	if ((uint64_t)d + n > m->size || (uint64_t)s + n > m->size)
		return WT_MEM_OOB;
	memmove(m->data + d, m->data + s, n);
	return 0;
}

static inline int wi_mem_fill(struct wasmi_memory *m, uint32_t d, uint32_t val, uint32_t n)
{
	if ((uint64_t)d + n > m->size)
		return WT_MEM_OOB;
	memset(m->data + d, (int)(val & 0xff), n);
	return 0;
}

static inline int wi_mem_init(struct wasmi_instance *in, uint32_t seg, uint32_t d, uint32_t s,
			      uint32_t n)
{
	const struct wasmi_data *ds = &in->mod->datas[seg];
	uint32_t len = in->data_dropped[seg] ? 0 : ds->len;
	struct wasmi_memory *m = in->mems[0];

	if ((uint64_t)s + n > len || (uint64_t)d + n > m->size)
		return WT_MEM_OOB;
	memcpy(m->data + d, ds->bytes + s, n);
	return 0;
}

#endif /* WASMI_OPS_MEMORY_H */
