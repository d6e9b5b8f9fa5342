// SPDX-License-Identifier: GPL-2.0
/* cgroup/sock_create: one event per socket created in the cgroup. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "cgroup_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

SEC("cgroup/sock_create")
int on_sock_create(struct bpf_sock *sk)
{
	struct sock_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (e) {
		e->pid = bpf_get_current_pid_tgid() >> 32;
		e->family = sk->family;
		e->type = sk->type;
		bpf_get_current_comm(e->comm, sizeof(e->comm));
		bpf_ringbuf_submit(e, 0);
	}
	return 1;	/* allow */
}

char LICENSE[] SEC("license") = "GPL";
