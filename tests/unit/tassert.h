/* SPDX-License-Identifier: MIT */
/*
 * A tiny assert header for unit tests: each check prints expected vs actual
 * and the location on failure and counts it; TEST_MAIN_END prints
 * "N passed, N failed" and returns non-zero when anything failed.
 */
#ifndef ECC_TASSERT_H
#define ECC_TASSERT_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define T_FAIL_AT(...)                                                        \
	do {                                                                  \
		t_fail++;                                                     \
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);          \
		fprintf(stderr, __VA_ARGS__);                                 \
		fputc('\n', stderr);                                          \
	} while (0)

#define T_TRUE(cond)                                                          \
	do {                                                                  \
		if (cond)                                                     \
			t_pass++;                                             \
		else                                                          \
			T_FAIL_AT("expected true: %s", #cond);                \
	} while (0)

#define T_EQ_INT(expected, actual)                                            \
	do {                                                                  \
		long long e_ = (long long)(expected), a_ = (long long)(actual); \
		if (e_ == a_)                                                 \
			t_pass++;                                             \
		else                                                          \
			T_FAIL_AT("%s: expected %lld, got %lld", #actual, e_, a_); \
	} while (0)

#define T_EQ_STR(expected, actual)                                            \
	do {                                                                  \
		const char *e_ = (expected), *a_ = (actual);                  \
		if (e_ && a_ && strcmp(e_, a_) == 0)                          \
			t_pass++;                                             \
		else                                                          \
			T_FAIL_AT("%s: expected \"%s\", got \"%s\"", #actual,   \
				  e_ ? e_ : "(null)", a_ ? a_ : "(null)");    \
	} while (0)

#define T_EQ_MEM(expected, actual, len)                                       \
	do {                                                                  \
		if (memcmp((expected), (actual), (len)) == 0)                 \
			t_pass++;                                             \
		else                                                          \
			T_FAIL_AT("%s: %zu bytes differ", #actual, (size_t)(len)); \
	} while (0)

#define TEST_MAIN_END()                                                       \
	do {                                                                  \
		printf("%d passed, %d failed\n", t_pass, t_fail);             \
		return t_fail || !t_pass ? 1 : 0;                             \
	} while (0)

#endif /* ECC_TASSERT_H */
