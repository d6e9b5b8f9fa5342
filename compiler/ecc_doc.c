/* SPDX-License-Identifier: MIT */
/*
 * ecc_doc: doc comments and export-header structs through libclang.
 * First cut: the interface links; parsing follows.
 */
#include <errno.h>
#include <stdlib.h>

#include "common.h"
#include "ecc_doc.h"

int ecc_doc__parse_source(const char *path, char *const *clang_args, int n_args, cJSON **out)
{
	*out = cJSON_CreateObject();
	return *out ? 0 : -ENOMEM;
}

int ecc_doc__header_structs(const char *header, char *const *clang_args, int n_args,
			    char ***names, size_t *cnt)
{
	*names = NULL;
	*cnt = 0;
	pr_warn("%s: export header parsing is not implemented yet\n", header);
	return -ENOSYS;
}

void ecc_doc__free_names(char **names, size_t cnt)
{
	for (size_t i = 0; i < cnt; i++)
		free(names[i]);
	free(names);
}
