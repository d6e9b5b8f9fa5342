/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for ecc_doc_text: any bytes as a doc comment (the first
 * byte picks what it documents). Besides not crashing, a successful parse
 * must keep the promises other modules rely on: doc keys are strings, a
 * checked key has its shape, and the tree prints as JSON that parses back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "ecc_doc_text.h"

static void quiet(enum cmn_log_level level, const char *msg)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	cmn_set_print(quiet);
	return 0;
}

static void check_invariants(const cJSON *obj)
{
	static const char *const strings[] = {"brief", "details", "version", "description"};
	const cJSON *v, *iv;
	char *text;
	cJSON *back;

	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		v = cJSON_GetObjectItemCaseSensitive(obj, strings[i]);
		if (v && !cJSON_IsString(v))
			abort();
	}
	v = cJSON_GetObjectItemCaseSensitive(obj, "cmdarg");
	if (v && !cJSON_IsObject(v))
		abort();
	v = cJSON_GetObjectItemCaseSensitive(obj, "sample");
	iv = cJSON_GetObjectItemCaseSensitive(v, "interval");
	if (v && (!cJSON_IsNumber(iv) || iv->valuedouble < 1))
		abort();
	text = cJSON_PrintUnformatted(obj);
	if (!text)
		return; /* out of memory, not a bug */
	back = cJSON_Parse(text);
	if (!back)
		abort();
	cJSON_Delete(back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum ecc_doc_kind kind;
	cJSON *obj;
	char *raw;

	if (size < 1)
		return 0;
	kind = (enum ecc_doc_kind)(data[0] % 4);
	raw = malloc(size);
	if (!raw)
		return 0;
	memcpy(raw, data + 1, size - 1);
	raw[size - 1] = '\0';
	obj = cJSON_CreateObject();
	if (obj && ecc_doc_text__parse(raw, kind, "fuzz.bpf.c", 1, obj) == 0)
		check_invariants(obj);
	cJSON_Delete(obj);
	free(raw);
	return 0;
}
