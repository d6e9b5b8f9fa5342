/* SPDX-License-Identifier: MIT */
/*
 * The record probe.bpf.c emits: fixed-width fields and no holes, so the
 * BPF side (LP64), the host tests and the wasm32 guests share one layout.
 */
#ifndef PROBE_EVENT_H
#define PROBE_EVENT_H

#define PROBE_MAGIC 0x5eed1234u
#define PROBE_COUNT_KEY 1u

struct probe_event {
	unsigned int pid;
	unsigned int magic;
	unsigned int seq;
	unsigned int pad;
	char comm[16];
	char filename[64];
};

_Static_assert(sizeof(struct probe_event) == 96, "probe_event layout");

#endif /* PROBE_EVENT_H */
