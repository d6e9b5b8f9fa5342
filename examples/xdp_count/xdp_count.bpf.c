// SPDX-License-Identifier: MIT
/*
 * xdp_count: counts packets and bytes per protocol at the earliest point of
 * the receive path (XDP), and lets every packet through. The runtime prints
 * the counters (key and value) every second.
 *
 *   ecc xdp_count.bpf.c xdp_count.h
 *   sudo ecli run package.json        # attaches to ifindex 1 (lo)
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "xdp_count.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD

/// Packets and bytes per protocol since the program started.
/// @sample {"interval": 1000, "type": "default_kv"}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct proto_key);
	__type(value, struct proto_stats);
} counters SEC(".maps");

/* The IP protocol of an IPv4/IPv6 packet, or 0 when it is cut short. */
static __always_inline u8 ip_proto(void *l3, void *data_end, u16 eth_proto)
{
	if (eth_proto == ETH_P_IP) {
		struct iphdr *ip = l3;

		return (void *)(ip + 1) <= data_end ? ip->protocol : 0;
	}
	if (eth_proto == ETH_P_IPV6) {
		struct ipv6hdr *ip6 = l3;

		return (void *)(ip6 + 1) <= data_end ? ip6->nexthdr : 0;
	}
	return 0;
}

/// Count the packet under its protocol, then pass it on.
/// @ifindex 1
/// @flags 0
SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct proto_key key = {};
	struct proto_stats one = {1, 0}, *stats;
	u64 len = data_end - data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS; /* too short to classify: not our business */
	key.eth_proto = bpf_ntohs(eth->h_proto);
	key.ip_proto = ip_proto(eth + 1, data_end, key.eth_proto);

	stats = bpf_map_lookup_elem(&counters, &key);
	if (stats) {
		__sync_fetch_and_add(&stats->packets, 1);
		__sync_fetch_and_add(&stats->bytes, len);
	} else {
		one.bytes = len;
		bpf_map_update_elem(&counters, &key, &one, BPF_NOEXIST);
	}
	return XDP_PASS;
}

/// @brief Count packets per protocol with XDP.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
