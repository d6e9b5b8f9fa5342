// SPDX-License-Identifier: GPL-2.0
/* One program the verifier rejects (an out-of-bounds stack read) next to one
 * that works: ecli must name the rejected one with the verifier log tail and
 * keep the other running. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "verifier_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int good_prog(void *ctx)
{
	struct ok_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (e) {
		e->pid = bpf_get_current_pid_tgid() >> 32;
		bpf_get_current_comm(e->comm, sizeof(e->comm));
		bpf_ringbuf_submit(e, 0);
	}
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int bad_prog(void *ctx)
{
	volatile char buf[8];
	int idx = bpf_get_prandom_u32();

	return buf[idx];	/* unbounded index: rejected */
}

char LICENSE[] SEC("license") = "GPL";
