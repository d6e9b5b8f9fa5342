// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for cmn_yaml_parse (ecli reads package.yaml from users):
 * no crash, no leak, and a round trip property: whatever parses, emitted
 * and parsed again, is the same tree.
 */
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "common_yaml.h"

static void quiet(enum cmn_log_level level, const char *msg)
{
}

/*
 * Same tree, compared as compact JSON text: linear, where cJSON_Compare
 * visits each object subtree twice per level (exponential in depth).
 */
static bool same(const cJSON *a, const cJSON *b)
{
	char *ta = cJSON_PrintUnformatted(a), *tb = cJSON_PrintUnformatted(b);
	bool eq = ta && tb && strcmp(ta, tb) == 0;

	free(ta);
	free(tb);
	return eq;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *tree = NULL, *again = NULL;
	char *text = NULL;
	size_t len;

	cmn_set_print(quiet);
	if (cmn_yaml_parse((const char *)data, size, &tree))
		return 0;
	if (cmn_yaml_emit(tree, &text, &len) || cmn_yaml_parse(text, len, &again) ||
	    !same(tree, again))
		abort();
	free(text);
	cJSON_Delete(tree);
	cJSON_Delete(again);
	return 0;
}
