/* SPDX-License-Identifier: MIT */
/*
 * Internals of `ecli run` shared between wasmi_cli.c and wasmi_cli_invoke.c.
 */
#ifndef WASMI_CLI_INT_H
#define WASMI_CLI_INT_H

#include "wasmi.h"

#include <stddef.h>
#include <stdint.h>

/*
 * --invoke: instantiate m without any host function, call export `func`
 * with args parsed per its parameter types, print each result on its own
 * line. Returns the exit code (0, 1 on a bad argument/missing export, 255
 * on a trap, 128+signal when interrupted).
 */
int wasmi_cli__invoke(const struct wasmi_module *m, const struct wasmi_config *cfg,
		      const uint8_t *bytes, size_t len, const char *path, const char *func,
		      int nargs, char **args, volatile int *signal);

/*
 * The signature ("PARAMS:RESULTS", wasmi_host_func letters) of the exported
 * function `name` in the module binary, read from its type, import,
 * function and export sections. 0, -ENOENT (no such function export) or
 * -EINVAL (malformed; the engine has validated it before, so unexpected).
 */
int wasmi_cli__export_sig(const uint8_t *bytes, size_t len, const char *name, char *sig,
			  size_t sig_len);

#endif /* WASMI_CLI_INT_H */
