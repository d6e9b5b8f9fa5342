// SPDX-License-Identifier: MIT
/* Recursive Fibonacci: calls, returns, compares and adds. */
#include "bench.h"

static int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

BENCH_EXPORT("run") int run(void)
{
	return fib(35);
}
