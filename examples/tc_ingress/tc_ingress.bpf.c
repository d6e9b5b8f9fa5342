// SPDX-License-Identifier: MIT
/*
 * tc_ingress: reports the IPv4 packets an interface receives, from a tc
 * classifier on its ingress hook, and lets them all through.
 *
 *   ecc tc_ingress.bpf.c tc_ingress.h
 *   sudo ecli run package.json --min-len 1000
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "tc_ingress.h"

#define TC_ACT_OK 0
#define ETH_P_IP 0x0800

/// Report only packets at least this long, in bytes (0 reports all).
/// @cmdarg {"default": 0, "short": "l", "long": "min-len"}
const volatile unsigned int min_len = 0;

/// Received IPv4 packets, one `struct packet_event` each.
/// @export struct packet_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} packets SEC(".maps");

/// Look at each received packet; never drop one.
/// @tchook {"ifindex": 1, "attach_point": "BPF_TC_INGRESS"}
/// @tcopts {"handle": 1, "priority": 1}
SEC("tc")
int tc_ingress(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct packet_event *e;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (skb->len < min_len)
		return TC_ACT_OK;

	e = bpf_ringbuf_reserve(&packets, sizeof(*e), 0);
	if (!e)
		return TC_ACT_OK;
	e->saddr = ip->saddr;
	e->daddr = ip->daddr;
	e->len = skb->len;
	e->proto = ip->protocol;
	e->ttl = ip->ttl;
	bpf_ringbuf_submit(e, 0);
	return TC_ACT_OK;
}

/// @brief Report received IPv4 packets from a tc ingress hook.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
