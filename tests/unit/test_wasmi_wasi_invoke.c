/* SPDX-License-Identifier: MIT */
/*
 * The export-signature reader behind `ecli run --invoke`, on hand-made
 * module bytes: imported functions shift the index space, multi-value
 * results, a non-function export of the same name, truncation, a too small
 * output buffer; and --invoke itself on exports wider than it holds.
 */
#include "wasmi_cli_int.h"

#include "tassert.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

/*
 * A module whose export "f" takes `np` i32 parameters and returns `nr` i32
 * results (0 each); returns its length in buf.
 */
static size_t wide_module(uint8_t *buf, unsigned np, unsigned nr)
{
	size_t n = 0, body = 1 + 2 * nr + 1, i;

	memcpy(buf, "\0asm\1\0\0\0", 8);
	n = 8;
	/* type section: one functype (LEB128 counts below 128 are one byte) */
	buf[n++] = 0x01;
	buf[n++] = (uint8_t)(4 + np + nr);
	buf[n++] = 0x01;
	buf[n++] = 0x60;
	buf[n++] = (uint8_t)np;
	memset(buf + n, 0x7f, np);
	n += np;
	buf[n++] = (uint8_t)nr;
	memset(buf + n, 0x7f, nr);
	n += nr;
	/* function section, export "f" */
	memcpy(buf + n, "\x03\x02\x01\x00\x07\x05\x01\x01" "f\x00\x00", 11);
	n += 11;
	/* code section: i32.const 0 per result (sizes as two-byte LEB128s) */
	buf[n++] = 0x0a;
	buf[n++] = (uint8_t)(((1 + 2 + body) & 0x7f) | 0x80);
	buf[n++] = (uint8_t)((1 + 2 + body) >> 7);
	buf[n++] = 0x01;
	buf[n++] = (uint8_t)((body & 0x7f) | 0x80);
	buf[n++] = (uint8_t)(body >> 7);
	buf[n++] = 0x00;
	for (i = 0; i < nr; i++) {
		buf[n++] = 0x41;
		buf[n++] = 0x00;
	}
	buf[n++] = 0x0b;
	return n;
}

/* More parameters or results than --invoke holds: refused, not a stack overflow. */
static void test_invoke_wide(void)
{
	static char zero[] = "0";
	char *args[100];
	uint8_t buf[512];
	struct wasmi_error werr = {{0}};
	struct wasmi_config cfg = {0};
	struct wasmi_module *m;
	volatile int sig = 0;
	FILE *saved = stdout;
	size_t len;
	int i;

	for (i = 0; i < 100; i++)
		args[i] = zero;
	cfg.interrupt = &sig;
	stdout = fopen("/dev/null", "w");
	/* 2 results: runs and prints them */
	len = wide_module(buf, 0, 2);
	m = wasmi_module__new(buf, len, &werr);
	T_TRUE(m != NULL);
	if (m)
		T_EQ_INT(0, wasmi_cli__invoke(m, &cfg, buf, len, "w.wasm", "f", 0, NULL, &sig));
	wasmi_module__free(m);
	/* 100 results */
	len = wide_module(buf, 0, 100);
	m = wasmi_module__new(buf, len, &werr);
	T_TRUE(m != NULL);
	if (m)
		T_EQ_INT(1, wasmi_cli__invoke(m, &cfg, buf, len, "w.wasm", "f", 0, NULL, &sig));
	wasmi_module__free(m);
	/* 100 parameters, all given */
	len = wide_module(buf, 100, 1);
	m = wasmi_module__new(buf, len, &werr);
	T_TRUE(m != NULL);
	if (m)
		T_EQ_INT(1, wasmi_cli__invoke(m, &cfg, buf, len, "w.wasm", "f", 100, args, &sig));
	wasmi_module__free(m);
	fclose(stdout);
	stdout = saved;
}

int main(void)
{
	test_invoke_wide();

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
