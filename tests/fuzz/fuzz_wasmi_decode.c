// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: decode and validate arbitrary bytes; when a module
 * loads, instantiate it under small limits (no imports are offered) and call
 * its parameterless exports, with an interrupt flag so a loop cannot hang.
 */
#include "wasmi.h"

#include <stdint.h>
#include <string.h>

static void call_exports(const struct wasmi_module *m)
{
	volatile int stop = 0;
	struct wasmi_config cfg = { .max_memory_pages = 16, .max_call_depth = 200,
				    .max_value_stack = 1 << 14, .interrupt = &stop };
	struct wasmi_error err;
	struct wasmi_instance *in = wasmi_instance__new(m, &cfg, NULL, 0, &err);
	union wasmi_value res[16];

	if (!in)
		return;
	for (size_t i = 0; i < wasmi_module__export_cnt(m); i++) {
		const char *name, *sig;
		int kind;

		if (wasmi_module__export(m, i, &name, &kind, NULL) || kind != 0)
			continue;
		sig = wasmi_instance__export_sig(in, name);
		/* only functions without parameters and few results; loops may
		 * run long, so the first back-edge after this stops them */
		if (!sig || sig[0] != ':' || strlen(sig) > 16)
			continue;
		stop = 1;
		wasmi_instance__call(in, name, NULL, 0, res, strlen(sig) - 1);
	}
	wasmi_instance__free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wasmi_error err;
	struct wasmi_module *m = wasmi_module__new(data, size, &err);

	if (m)
		call_exports(m);
	wasmi_module__free(m);
	return 0;
}
