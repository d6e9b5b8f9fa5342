/* SPDX-License-Identifier: MIT */
/*
 * ecc_templates: files embedded into ecc at build time (the Wasm skeleton
 * and default app templates, the guest SDK header) and the one substitution
 * helper that renders them.
 *
 * Templates mark substitutions as @@KEY@@ (KEY: A-Z, 0-9, _). Rendering
 * fails with -EINVAL, naming the template and key, when a marker has no
 * value; every value is used verbatim.
 * Errors: 0 or a negative errno; lookups return NULL with errno = ENOENT.
 */
#ifndef ECC_TEMPLATES_H
#define ECC_TEMPLATES_H

#include <stddef.h>
#include "common.h"

struct ecc_tpl_file {
	const char *name; /* path in the source tree, e.g. "templates/wasm/app.c.in" */
	const char *data; /* NUL-terminated */
	size_t len;
};

/* The embedded files (generated at build time). */
extern const struct ecc_tpl_file ecc_tpl_files[];
extern const size_t ecc_tpl_n_files;

struct ecc_tpl_var {
	const char *key;
	const char *value;
};

/* The embedded file `name` (borrowed), its length in *len when len != NULL. */
const char *ecc_tpl__get(const char *name, size_t *len);

/* Append `tpl` (named `name` in messages) to out with every @@KEY@@ replaced. */
int ecc_tpl__render(const char *name, const char *tpl, const struct ecc_tpl_var *vars, size_t n,
		    struct cmn_buf *out);

#endif /* ECC_TEMPLATES_H */
