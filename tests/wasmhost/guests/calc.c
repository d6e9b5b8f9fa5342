/* SPDX-License-Identifier: MIT */
/*
 * A freestanding module (no WASI) for `run --invoke`: integer, 64-bit,
 * float parameters and results, a trapping division and deep recursion.
 */
int add(int a, int b)
{
	return a + b;
}

long long fib(long long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

double scale(double x, float y)
{
	return x * y;
}

int divide(int a, int b)
{
	return a / b;
}

static volatile int sink;

__attribute__((noinline)) int deep(int n)
{
	int r;

	if (n == 0)
		return 0;
	r = deep(n - 1) + 1;
	sink = r; /* keeps the recursion a real call chain */
	return r;
}
