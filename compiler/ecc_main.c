// SPDX-License-Identifier: MIT
/* ecc: command line entry (filled in below). */
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "ecc: not implemented yet\n");
	return 4;
}
