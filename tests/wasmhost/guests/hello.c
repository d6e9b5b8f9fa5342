/* SPDX-License-Identifier: MIT */
/*
 * Prints a greeting, its args and environment; exits with the number given
 * after "exit" (0 otherwise). Reads stdin when asked ("cat"), tries to
 * allocate N MiB after "alloc", sleeps N ms after "sleep" (poll_oneoff)
 * and reports the time it measured, prints 16 random bytes ("random").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i, n = 0;
	char line[256];

	printf("hello from wasm\n");
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	while (environ && environ[n])
		printf("env: %s\n", environ[n++]);
	printf("environ=%d\n", n);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "cat") == 0)
			while (fgets(line, sizeof(line), stdin))
				printf("stdin: %s", line);
		if (strcmp(argv[i], "stderr") == 0)
			fprintf(stderr, "to stderr\n");
		if (strcmp(argv[i], "alloc") == 0 && i + 1 < argc) {
			size_t sz = (size_t)atoi(argv[i + 1]) << 20;
			/* volatile: the compiler may not elide the allocation */
			char *volatile p = malloc(sz);

			if (p)
				p[sz - 1] = 1;
			printf("alloc %s\n", p ? "ok" : "failed");
			free(p);
		}
		if (strcmp(argv[i], "sleep") == 0 && i + 1 < argc) {
			struct timespec t0, t1, d = {0, atoi(argv[i + 1]) * 1000000L};

			clock_gettime(CLOCK_MONOTONIC, &t0);
			nanosleep(&d, NULL);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			printf("slept_ms=%ld\n", (long)((t1.tv_sec - t0.tv_sec) * 1000 +
							(t1.tv_nsec - t0.tv_nsec) / 1000000));
		}
		if (strcmp(argv[i], "random") == 0) {
			unsigned char b[16];
			int k;

			if (getentropy(b, sizeof(b)) == 0) {
				printf("random=");
				for (k = 0; k < 16; k++)
					printf("%02x", b[k]);
				printf("\n");
			}
		}
		if (strcmp(argv[i], "exit") == 0 && i + 1 < argc)
			return atoi(argv[i + 1]);
	}
	return 0;
}
