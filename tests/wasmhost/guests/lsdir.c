/* SPDX-License-Identifier: MIT */
/*
 * Lists the directory argv[1] through wasi-libc's readdir (fd_readdir with
 * cookies, several calls for a large directory) and prints how many entries
 * it saw and the total length of their names.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	unsigned long n = 0, total = 0;
	struct dirent *e;
	DIR *d;

	if (argc < 2)
		return 2;
	d = opendir(argv[1]);
	if (!d) {
		printf("cannot list %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		n++;
		total += strlen(e->d_name);
	}
	closedir(d);
	printf("entries=%lu names=%lu\n", n, total);
	return 0;
}
