// SPDX-License-Identifier: GPL-2.0
/* Synthetic high-rate producer: one ring buffer record per getpid() made by
 * the bench producer (comm "ecli_bprod"). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "bench_events.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024 * 1024);
} events SEC(".maps");

unsigned long long seq = 0;

SEC("tp/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	static const char want[] = "ecli_bprod";
	struct bench_event *e;
	char comm[16];
	int i;

	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < (int)sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->cpu = bpf_get_smp_processor_id();
	e->seq = __sync_fetch_and_add(&seq, 1);
	e->ts = bpf_ktime_get_ns();
	__builtin_memcpy(e->comm, comm, sizeof(comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
