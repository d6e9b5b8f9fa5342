// SPDX-License-Identifier: GPL-2.0
/* perf_event: a sample of who runs on each CPU, at ecli's --freq. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "perf_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("perf_event")
int on_sample(void *ctx)
{
	struct perf_sample *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (e) {
		e->pid = bpf_get_current_pid_tgid() >> 32;
		e->cpu = bpf_get_smp_processor_id();
		bpf_get_current_comm(e->comm, sizeof(e->comm));
		bpf_ringbuf_submit(e, 0);
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
