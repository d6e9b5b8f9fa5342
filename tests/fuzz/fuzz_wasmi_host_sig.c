// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the export-signature reader of `ecli run --invoke`
 * must stay inside the bytes it is given and always NUL-terminate, whatever
 * the module looks like (it normally sees only validated modules).
 */
#include "wasmi_cli_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1); /* exact size: ASan sees any over-read */
	char sig[16];

	if (!copy)
		return 0;
	memcpy(copy, data, len);
	if (wasmi_cli__export_sig(copy, len, "f", sig, sizeof(sig)) == 0 && !memchr(sig, 0, 16))
		abort();
	free(copy);
	return 0;
}
