/* SPDX-License-Identifier: MIT */
/* Fixture: an export header with a typedef'd struct, a forward declaration
 * and an included header whose struct must not be listed. */
#ifndef BASIC_H
#define BASIC_H
#include "included.h"

struct fwd;

struct event {
	int pid;
	char comm[16];
};

typedef struct hist {
	__u32 slots[26];
} hist_t;

/* not an export: a union and an enum */
union u { int a; };
enum e { E_ONE };

struct event2 {
	struct inner { int x; } in;
	unsigned long long ts;
};
#endif
