// SPDX-License-Identifier: MIT
/*
 * sa_write PACKAGE OUT [STUB]: ecc_standalone__write() from the command line,
 * for the end-to-end test while ecc's -s option is not there, and for the
 * stub lookup tests (without STUB the lookup of ecc_standalone.h is used).
 */
#include <stdio.h>
#include "ecc_standalone.h"

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: sa_write PACKAGE OUT [STUB]\n");
		return 2;
	}
	return ecc_standalone__write(argv[1], argc == 4 ? argv[3] : NULL, argv[2]) ? 1 : 0;
}
