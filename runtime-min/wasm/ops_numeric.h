/* SPDX-License-Identifier: MIT */
/*
 * Numeric helpers for the interpreter: the parts of integer and float
 * semantics C does not give directly. Float sign operations are bit
 * operations (they must keep NaN payloads); min/max propagate NaN and order
 * -0 below +0; rounding keeps NaNs quiet. Conversions are in ops_convert.h.
 */
#ifndef WASMI_OPS_NUMERIC_H
#define WASMI_OPS_NUMERIC_H

#include "wasmi_internal.h"

#include <string.h>

static inline int wi_i32_div_s(uint32_t a, uint32_t b, uint32_t *r)
{
	if (b == 0)
		return WT_DIV0;
	if (a == 0x80000000u && b == 0xffffffffu)
		return WT_OVERFLOW;
	*r = (uint32_t)((int32_t)a / (int32_t)b);
	return 0;
}

static inline int wi_i32_rem_s(uint32_t a, uint32_t b, uint32_t *r)
{
	if (b == 0)
		return WT_DIV0;
	*r = b == 0xffffffffu ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
	return 0;
}

static inline int wi_i64_div_s(uint64_t a, uint64_t b, uint64_t *r)
{
	if (b == 0)
		return WT_DIV0;
	if (a == 0x8000000000000000ull && b == ~0ull)
		return WT_OVERFLOW;
	*r = (uint64_t)((int64_t)a / (int64_t)b);
	return 0;
}

static inline int wi_i64_rem_s(uint64_t a, uint64_t b, uint64_t *r)
{
	if (b == 0)
		return WT_DIV0;
	*r = b == ~0ull ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
	return 0;
}

static inline uint32_t wi_f32_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}

static inline float wi_f32_from(uint32_t u)
{
	float f;
	memcpy(&f, &u, 4);
	return f;
}

static inline uint64_t wi_f64_bits(double f)
{
	uint64_t u;
	memcpy(&u, &f, 8);
	return u;
}

static inline double wi_f64_from(uint64_t u)
{
	double f;
	memcpy(&f, &u, 8);
	return f;
}

static inline float wi_f32_abs(float a) { return wi_f32_from(wi_f32_bits(a) & 0x7fffffffu); }
static inline float wi_f32_neg(float a) { return wi_f32_from(wi_f32_bits(a) ^ 0x80000000u); }
static inline float wi_f32_copysign(float a, float b)
{
	return wi_f32_from((wi_f32_bits(a) & 0x7fffffffu) | (wi_f32_bits(b) & 0x80000000u));
}

static inline double wi_f64_abs(double a) { return wi_f64_from(wi_f64_bits(a) & ~(1ull << 63)); }
static inline double wi_f64_neg(double a) { return wi_f64_from(wi_f64_bits(a) ^ (1ull << 63)); }
static inline double wi_f64_copysign(double a, double b)
{
	return wi_f64_from((wi_f64_bits(a) & ~(1ull << 63)) | (wi_f64_bits(b) & (1ull << 63)));
}

/* Rounding keeps NaN payloads in libm; the spec wants them quiet (a + a). */
#define WI_ROUND(name, T, fn)                                                      \
	static inline T name(T a)                                                  \
	{                                                                          \
		return a != a ? a + a : fn(a);                                     \
	}
WI_ROUND(wi_f32_ceil, float, __builtin_ceilf)
WI_ROUND(wi_f32_floor, float, __builtin_floorf)
WI_ROUND(wi_f32_trunc, float, __builtin_truncf)
WI_ROUND(wi_f32_nearest, float, __builtin_rintf)
WI_ROUND(wi_f64_ceil, double, __builtin_ceil)
WI_ROUND(wi_f64_floor, double, __builtin_floor)
WI_ROUND(wi_f64_trunc, double, __builtin_trunc)
WI_ROUND(wi_f64_nearest, double, __builtin_rint)
#undef WI_ROUND

/* a + b turns a NaN operand into a quiet (arithmetic) NaN. */
static inline float wi_f32_min(float a, float b)
{
	if (a != a || b != b)
		return a + b;
	if (a == b)
		return (wi_f32_bits(a) & 0x80000000u) ? a : b;
	return a < b ? a : b;
}

static inline float wi_f32_max(float a, float b)
{
	if (a != a || b != b)
		return a + b;
	if (a == b)
		return (wi_f32_bits(a) & 0x80000000u) ? b : a;
	return a > b ? a : b;
}

static inline double wi_f64_min(double a, double b)
{
	if (a != a || b != b)
		return a + b;
	if (a == b)
		return (wi_f64_bits(a) >> 63) ? a : b;
	return a < b ? a : b;
}

static inline double wi_f64_max(double a, double b)
{
	if (a != a || b != b)
		return a + b;
	if (a == b)
		return (wi_f64_bits(a) >> 63) ? b : a;
	return a > b ? a : b;
}

#endif /* WASMI_OPS_NUMERIC_H */
