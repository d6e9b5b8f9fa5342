/* SPDX-License-Identifier: MIT */
/*
 * Never ends by itself: "spin" loops in Wasm code, "sleep" blocks in
 * poll_oneoff. Prints "ready" (flushed) first so the test knows when to
 * send its signal.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	volatile unsigned long n = 0;

	printf("ready\n");
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
		for (;;)
			sleep(100);
	}
	for (;;)
		n++;
	return (int)n;
}
