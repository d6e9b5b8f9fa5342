/* SPDX-License-Identifier: MIT */
/*
 * The export-signature reader behind `ecli run --invoke`, on hand-made
 * module bytes: imported functions shift the index space, multi-value
 * results, a non-function export of the same name, truncation, a too small
 * output buffer.
 */
#include "wasmi_cli_int.h"

#include "tassert.h"

#include <errno.h>

/* (module
 *   (type (func (param i32)))                         ;; 0
 *   (type (func (param i64 f32) (result f64 i32)))    ;; 1
 *   (type (func))                                     ;; 2
 *   (import "m" "g" (func (type 0)))                  ;; func 0
 *   (import "m" "mem" (memory 1))
 *   (func (type 1) ...) (func (type 2) ...)           ;; funcs 1, 2
 *   (memory 1)
 *   (export "f" (func 1)) (export "mem" (memory 0)) (export "e" (func 2))) */
/* clang-format off */
static const uint8_t module[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	/* type section: 3 types */
	0x01, 0x0f, 0x03,
	0x60, 0x01, 0x7f, 0x00,
	0x60, 0x02, 0x7e, 0x7d, 0x02, 0x7c, 0x7f,
	0x60, 0x00, 0x00,
	/* import section: func m.g type 0, memory m.mem min 1 */
	0x02, 0x10, 0x02,
	0x01, 'm', 0x01, 'g', 0x00, 0x00,
	0x01, 'm', 0x03, 'm', 'e', 'm', 0x02, 0x00, 0x01,
	/* function section: types 1, 2 */
	0x03, 0x03, 0x02, 0x01, 0x02,
	/* export section */
	0x07, 0x0f, 0x03,
	0x01, 'f', 0x00, 0x01,
	0x03, 'm', 'e', 'm', 0x02, 0x00,
	0x01, 'e', 0x00, 0x02,
};
/* clang-format on */

int main(void)
{
	char sig[32];

	T_EQ_INT(0, wasmi_cli__export_sig(module, sizeof(module), "f", sig, sizeof(sig)));
	T_EQ_STR("If:Fi", sig);
	T_EQ_INT(0, wasmi_cli__export_sig(module, sizeof(module), "e", sig, sizeof(sig)));
	T_EQ_STR(":", sig);
	/* "mem" is exported, but not as a function */
	T_EQ_INT(-ENOENT, wasmi_cli__export_sig(module, sizeof(module), "mem", sig, sizeof(sig)));
	T_EQ_INT(-ENOENT, wasmi_cli__export_sig(module, sizeof(module), "g", sig, sizeof(sig)));
	/* truncated anywhere: an error, never a read past the end */
	for (size_t len = 0; len < sizeof(module); len++) {
		int err = wasmi_cli__export_sig(module, len, "f", sig, sizeof(sig));

		if (err != -EINVAL && err != -ENOENT)
			T_FAIL_AT("length %zu: got %d", len, err);
	}
	/* "If:Fi" needs 6 bytes */
	T_EQ_INT(-EINVAL, wasmi_cli__export_sig(module, sizeof(module), "f", sig, 5));
	T_EQ_INT(0, wasmi_cli__export_sig(module, sizeof(module), "f", sig, 6));
	TEST_MAIN_END();
}
