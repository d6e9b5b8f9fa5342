/* SPDX-License-Identifier: MIT */
/*
 * Prints a greeting, its args and environment size; exits with the number
 * given after "exit" (0 otherwise). Reads stdin when asked ("cat").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
	int i, n = 0;
	char line[256];

	printf("hello from wasm\n");
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	while (environ && environ[n])
		n++;
	printf("environ=%d\n", n);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "cat") == 0)
			while (fgets(line, sizeof(line), stdin))
				printf("stdin: %s", line);
		if (strcmp(argv[i], "stderr") == 0)
			fprintf(stderr, "to stderr\n");
		if (strcmp(argv[i], "exit") == 0 && i + 1 < argc)
			return atoi(argv[i + 1]);
	}
	return 0;
}
