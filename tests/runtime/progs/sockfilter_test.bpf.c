// SPDX-License-Identifier: GPL-2.0
/* A socket filter on a raw packet socket: one event per packet seen. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "sockfilter_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("socket")
int on_packet(struct __sk_buff *skb)
{
	struct pkt_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (e) {
		e->len = skb->len;
		e->protocol = bpf_ntohs(skb->protocol);
		bpf_ringbuf_submit(e, 0);
	}
	return 0;	/* nothing is queued on the socket */
}

char LICENSE[] SEC("license") = "GPL";
