/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for the engine side of wasmi.h used by the host-function unit
 * tests (see fake_engine.c). Table elements are C callbacks of type
 * (i32 ctx, i32 data, i32 size) -> i32.
 */
#ifndef FAKE_ENGINE_H
#define FAKE_ENGINE_H

#include "wasmi.h"

#define FAKE_TABLE_SIZE 8

typedef enum wasmi_status (*fake_callback)(struct wasmi_instance *in, const union wasmi_value *args,
					   union wasmi_value *results);

struct wasmi_instance {
	uint8_t *mem;
	uint32_t mem_size;
	fake_callback table[FAKE_TABLE_SIZE];
	void *test_ctx; /* for callbacks */
	int calls;
	int exit_code;
	bool exited;
	char trap[256];
};

struct wasmi_instance *fake_instance__new(uint32_t mem_size);
void fake_instance__free(struct wasmi_instance *in);

#endif /* FAKE_ENGINE_H */
