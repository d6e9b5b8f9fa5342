/* SPDX-License-Identifier: MIT */
/* A log2 histogram wide enough for every u64 value: slot 63 holds [2^63, 2^64). */
#ifndef HIST64_H
#define HIST64_H

struct hist {
	unsigned int slots[64];
};

#endif /* HIST64_H */
