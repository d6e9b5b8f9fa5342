/* SPDX-License-Identifier: MIT */
/*
 * bootstrap.h: the export header. ecc lays out every struct defined here
 * from the compiled object's BTF and records it in package.json, so the
 * runtime can decode the events without any C code on the user side.
 */
#ifndef BOOTSTRAP_H
#define BOOTSTRAP_H

/* The header may also be compiled on its own (ecc --header-only), without
 * vmlinux.h: only then bring in bool. Include it after vmlinux.h. */
#ifndef __VMLINUX_H__
#include <stdbool.h>
#endif

#define TASK_COMM_LEN 16
#define MAX_FILENAME_LEN 127

/* One exec or exit; the runtime prints one line (or JSON object) per event. */
struct event {
	int pid;
	int ppid;
	unsigned int exit_code;
	unsigned long long duration_ns;
	char comm[TASK_COMM_LEN];
	char filename[MAX_FILENAME_LEN];
	bool exit_event;
};

#endif /* BOOTSTRAP_H */
