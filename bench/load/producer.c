// SPDX-License-Identifier: MIT
/*
 * Synthetic event source: calls getpid() as fast as it can for SECS seconds
 * under the name "ecli_bprod" (the BPF side keeps only this command), and
 * prints how many calls it made.
 *   producer SECS
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 1;
	unsigned long long n = 0;
	struct timespec t0, t;

	prctl(PR_SET_NAME, "ecli_bprod");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (int i = 0; i < 1000; i++)
			syscall(SYS_getpid);
		n += 1000;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < secs);
	printf("%llu\n", n);
	return 0;
}
