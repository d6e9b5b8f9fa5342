// SPDX-License-Identifier: MIT
/* The producer version written into package metadata. */
#include "ecc.h"

const char *ecc_version(void)
{
	return ECC_VERSION;
}
