/* SPDX-License-Identifier: MIT */
/* Export structs of perf_test.bpf.c */
#ifndef PERF_TEST_H
#define PERF_TEST_H

struct perf_sample {
	int pid;
	int cpu;
	char comm[16];
};

#endif
