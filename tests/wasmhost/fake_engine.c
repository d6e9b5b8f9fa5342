/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for the wasmi engine's host-side API (memory access, traps,
 * exit, table calls) so the WASI and wasm_bpf host functions are tested on
 * their own: the tests build them from source against this file instead of
 * linking the engine. Memory is a plain byte array of fake_mem_size bytes.
 */
#include "fake_engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wasmi_instance *fake_instance__new(uint32_t mem_size)
{
	struct wasmi_instance *in = calloc(1, sizeof(*in));

	if (!in)
		return NULL;
	in->mem = calloc(1, mem_size);
	if (!in->mem) {
		free(in);
		return NULL;
	}
	in->mem_size = mem_size;
	return in;
}

void fake_instance__free(struct wasmi_instance *in)
{
	if (!in)
		return;
	free(in->mem);
	free(in);
}

void *wasmi_instance__mem(struct wasmi_instance *in, uint32_t off, uint32_t len)
{
	if ((uint64_t)off + len > in->mem_size)
		return NULL;
	return in->mem + off;
}

uint32_t wasmi_instance__mem_size(const struct wasmi_instance *in)
{
	return in->mem_size;
}

const char *wasmi_instance__mem_str(struct wasmi_instance *in, uint32_t off, uint32_t max)
{
	uint32_t i;

	for (i = 0; i < max && (uint64_t)off + i < in->mem_size; i++)
		if (in->mem[off + i] == '\0')
			return (const char *)in->mem + off;
	return NULL;
}

enum wasmi_status wasmi_instance__trapf(struct wasmi_instance *in, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(in->trap, sizeof(in->trap), fmt, ap);
	va_end(ap);
	return WASMI_TRAP;
}

enum wasmi_status wasmi_instance__exit(struct wasmi_instance *in, int code)
{
	in->exited = true;
	in->exit_code = code;
	return WASMI_EXIT;
}

int wasmi_instance__exit_code(const struct wasmi_instance *in)
{
	return in->exit_code;
}

const char *wasmi_instance__trap_message(const struct wasmi_instance *in)
{
	return in->trap;
}

enum wasmi_status wasmi_instance__call_table(struct wasmi_instance *in, uint32_t elem,
					     const char *sig, const union wasmi_value *args,
					     union wasmi_value *results)
{
	if (elem >= FAKE_TABLE_SIZE || !in->table[elem])
		return wasmi_instance__trapf(in, "uninitialized element %u", elem);
	if (strcmp(sig, "iii:i") != 0)
		return wasmi_instance__trapf(in, "indirect call type mismatch");
	in->calls++;
	return in->table[elem](in, args, results);
}
