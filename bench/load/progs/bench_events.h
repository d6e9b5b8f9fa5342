/* SPDX-License-Identifier: MIT */
/* Export struct of bench_events.bpf.c */
#ifndef BENCH_EVENTS_H
#define BENCH_EVENTS_H

struct bench_event {
	int pid;
	unsigned int cpu;
	unsigned long long seq;
	unsigned long long ts;
	char comm[16];
};

#endif
