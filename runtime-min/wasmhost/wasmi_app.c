/* SPDX-License-Identifier: MIT */
/*
 * The import list of an app: the WASI and wasm_bpf tables with the app
 * context as every function's user pointer.
 */
#include "wasmi_app.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct wasmi_host_func *wasmi_app__imports(struct wasmi_app *app, size_t *n)
{
	size_t total = wasmi_wasi_nfuncs + wasmi_bpf_nfuncs, i;
	struct wasmi_host_func *f;

	f = calloc(total, sizeof(*f));
	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(f, wasmi_wasi_funcs, wasmi_wasi_nfuncs * sizeof(*f));
	memcpy(f + wasmi_wasi_nfuncs, wasmi_bpf_funcs, wasmi_bpf_nfuncs * sizeof(*f));
	for (i = 0; i < total; i++)
		f[i].user = app;
	*n = total;
	return f;
}
