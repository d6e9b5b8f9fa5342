/* SPDX-License-Identifier: MIT */
/* Fixture: the second struct has no tag. */
struct ok {
	int a;
};

typedef struct {
	int pid;
} event_t;
