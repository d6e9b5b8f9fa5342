/* SPDX-License-Identifier: MIT */
/*
 * Float-to-integer conversions for the interpreter: the trapping forms
 * report NaN ("invalid conversion") and out-of-range ("integer overflow")
 * exactly at the spec's bounds; the saturating forms clamp and map NaN to 0.
 * They take double: every f32 value is exact in a double.
 */
#ifndef WASMI_OPS_CONVERT_H
#define WASMI_OPS_CONVERT_H

#include "wasmi_internal.h"

static inline int wi_trunc_i32_s(double a, uint32_t *r)
{
	if (a != a)
		return WT_CONV;
	if (!(a > -2147483649.0 && a < 2147483648.0))
		return WT_OVERFLOW;
	*r = (uint32_t)(int32_t)a;
	return 0;
}

static inline int wi_trunc_i32_u(double a, uint32_t *r)
{
	if (a != a)
		return WT_CONV;
	if (!(a > -1.0 && a < 4294967296.0))
		return WT_OVERFLOW;
	*r = (uint32_t)a;
	return 0;
}

static inline int wi_trunc_i64_s(double a, uint64_t *r)
{
	if (a != a)
		return WT_CONV;
	if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0))
		return WT_OVERFLOW;
	*r = (uint64_t)(int64_t)a;
	return 0;
}

static inline int wi_trunc_i64_u(double a, uint64_t *r)
{
	if (a != a)
		return WT_CONV;
	if (!(a > -1.0 && a < 18446744073709551616.0))
		return WT_OVERFLOW;
	*r = (uint64_t)a;
	return 0;
}

static inline uint32_t wi_sat_i32_s(double a)
{
	if (a != a)
		return 0;
	if (a <= -2147483648.0)
		return 0x80000000u;
	if (a >= 2147483647.0)
		return 0x7fffffffu;
	return (uint32_t)(int32_t)a;
}

static inline uint32_t wi_sat_i32_u(double a)
{
	if (a != a || a <= 0)
		return 0;
	if (a >= 4294967295.0)
		return 0xffffffffu;
	return (uint32_t)a;
}

static inline uint64_t wi_sat_i64_s(double a)
{
	if (a != a)
		return 0;
	if (a <= -9223372036854775808.0)
		return 0x8000000000000000ull;
	if (a >= 9223372036854775808.0)
		return 0x7fffffffffffffffull;
	return (uint64_t)(int64_t)a;
}

static inline uint64_t wi_sat_i64_u(double a)
{
	if (a != a || a <= 0)
		return 0;
	if (a >= 18446744073709551616.0)
		return ~0ull;
	return (uint64_t)a;
}

#endif /* WASMI_OPS_CONVERT_H */
