// SPDX-License-Identifier: MIT
/* Host driver: the same program, called once, its result printed. */
#include <stdio.h>

int run(void);

int main(void)
{
	printf("%d\n", run());
	return 0;
}
