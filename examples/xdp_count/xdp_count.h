/* SPDX-License-Identifier: MIT */
/* xdp_count.h: key and value of the per-protocol counters. */
#ifndef XDP_COUNT_H
#define XDP_COUNT_H

struct proto_key {
	unsigned short eth_proto;	/* EtherType, host byte order */
	unsigned char ip_proto;		/* IPPROTO_* for IPv4/IPv6, else 0 */
	unsigned char pad;
};

struct proto_stats {
	unsigned long long packets;
	unsigned long long bytes;
};

#endif /* XDP_COUNT_H */
