/* SPDX-License-Identifier: MIT */
#ifndef PERF_H
#define PERF_H

/* typedef'd with a tag: exported under the tag. */
typedef struct exit_event {
	int pid;
	int exit_code;
	unsigned long long duration_ns;
	char comm[16];
} exit_event_t;

#endif
