/* SPDX-License-Identifier: MIT */
/*
 * yaml: cJSON trees to and from YAML through libyaml (prefix cmn_yaml_).
 *
 * The emitter writes `ecc -y` outputs (skel.yaml, package.yaml); the parser
 * lets a runtime read package.yaml. Mapping: objects <-> block mappings (key
 * order kept), arrays <-> sequences, strings are always quoted on output so
 * that "0.1" stays a string; plain scalars on input become null/bool/number
 * when they read as such (YAML 1.2 core schema), else strings.
 *
 * Errors: 0 or a negative errno; a parse error is logged once with its
 * line:column. Ownership: outputs belong to the caller (free() the text,
 * cJSON_Delete() the tree).
 */
#ifndef ECC_YAML_H
#define ECC_YAML_H

#include <stddef.h>
#include <cJSON.h>

/*
 * Parse one YAML document into a cJSON tree. Anchors/aliases and multiple
 * documents are rejected (-EINVAL); nesting deeper than 256 is -E2BIG.
 */
int cmn_yaml_parse(const char *text, size_t len, cJSON **out);

/* Emit `root` as one YAML document; *out is NUL-terminated (not counted). */
int cmn_yaml_emit(const cJSON *root, char **out, size_t *out_len);

#endif /* ECC_YAML_H */
