// SPDX-License-Identifier: MIT
/* Test program: count packets by protocol at XDP. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ETH_P_IP 0x0800

/// Packets seen
unsigned long long packets = 0;
/// IPv4 packets seen
unsigned long long ipv4_packets = 0;

/// Drop IPv4 packets instead of passing them
const volatile bool drop_ipv4 = false;

/// @ifindex 1
/// @flags 0
/// @xdpopts {"old_prog_fd": 0}
SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	__sync_fetch_and_add(&packets, 1);
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	__sync_fetch_and_add(&ipv4_packets, 1);
	return drop_ipv4 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
