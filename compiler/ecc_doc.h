/* SPDX-License-Identifier: MIT */
/*
 * ecc_doc: what ecc learns from the C text itself, through libclang's C API
 * (never a regex over the text):
 *   - doc comments (`///` lines or slash-star-star blocks) above globals, maps, programs and
 *     `char LICENSE[]` in the .bpf.c (package-format.md, section 3);
 *   - the structs *defined in* an export header (not in what it includes).
 *
 * Ownership: returned cJSON trees and name arrays belong to the caller.
 * Errors: 0 or a negative errno; the message (naming file:line) is logged
 * once, here, through the common print hook.
 */
#ifndef ECC_DOC_H
#define ECC_DOC_H

#include <stddef.h>
#include <cJSON.h>

/*
 * Parse the doc comments of `path` with the given clang arguments (include
 * dirs, -D flags, target; the same as the compile uses). On success *out is
 *   { "globals": { VAR:  { "description": "...", "cmdarg": {...}, "value": V, "@key": ... } },
 *     "maps":    { MAP:  { "sample": {...}, "export": "struct NAME", ... } },
 *     "progs":   { FUNC: { "ifindex": 1, "tchook": {...}, ... } },
 *     "doc":     { "brief": "...", "details": "...", "version": "0.1", "description": "..." } }
 * (keys without a doc comment are absent). Values of `@key value` are JSON
 * when valid JSON (may span lines), else strings; doc keys always strings.
 * An invalid @cmdarg/@sample value is an error naming file:line, and so is
 * a @cmdarg default or @value that does not fit its variable's type.
 * Runs beside other threads (ecc overlaps it with the compile): each call
 * has its own libclang index and touches no state of ours.
 */
int ecc_doc__parse_source(const char *path, char *const *clang_args, int n_args, cJSON **out);

/*
 * The struct tags defined in `header` itself, in declaration order.
 * `typedef struct tag {...} name` counts under its tag; an untagged
 * `typedef struct {...} name` is an error telling the user to add a tag;
 * a header that defines no struct is an error. Free with ecc_doc__free_names.
 */
int ecc_doc__header_structs(const char *header, char *const *clang_args, int n_args,
			    char ***names, size_t *cnt);
void ecc_doc__free_names(char **names, size_t cnt);

#endif /* ECC_DOC_H */
