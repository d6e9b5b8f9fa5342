/* SPDX-License-Identifier: MIT */
/* syslat.h: the value of the histogram map. The runtime prints a map whose
 * doc comment has @sample type log2_hist as one histogram per key, reading
 * the `slots` array of counters: slot i counts values in [2^i, 2^(i+1)). */
#ifndef SYSLAT_H
#define SYSLAT_H

#define MAX_SLOTS 27

struct hist {
	unsigned int slots[MAX_SLOTS];
};

#endif /* SYSLAT_H */
