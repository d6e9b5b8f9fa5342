/* SPDX-License-Identifier: MIT */
#ifndef ECC_H
#define ECC_H
const char *ecc_version(void);
#endif
