// SPDX-License-Identifier: MIT
/* Sort a million pseudo-random ints (quicksort + insertion sort), checksum them. */
#include "bench.h"

#define N (1 << 20)
static unsigned arr[N];

static void insertion(unsigned *a, int lo, int hi)
{
	for (int i = lo + 1; i <= hi; i++) {
		unsigned v = a[i];
		int j = i - 1;
		while (j >= lo && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static void quick(unsigned *a, int lo, int hi)
{
	while (hi - lo > 16) {
		unsigned p = a[lo + (hi - lo) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i <= j) {
				unsigned t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quick(a, lo, j);
			lo = i;
		} else {
			quick(a, i, hi);
			hi = j;
		}
	}
	insertion(a, lo, hi);
}

BENCH_EXPORT("run") int run(void)
{
	unsigned x = 12345, sum = 0;

	for (int i = 0; i < N; i++) {
		x = x * 1103515245u + 12345u;
		arr[i] = x >> 1;
	}
	quick(arr, 0, N - 1);
	for (int i = 0; i < N; i++) {
		if (i && arr[i - 1] > arr[i])
			return -1;
		sum = sum * 31 + arr[i];
	}
	return (int)sum;
}
