/* SPDX-License-Identifier: MIT */
/* tc_ingress.h: one received IPv4 packet. Addresses are in network byte
 * order, as on the wire (127.0.0.1 reads 16777343). */
#ifndef TC_INGRESS_H
#define TC_INGRESS_H

struct packet_event {
	unsigned int saddr;
	unsigned int daddr;
	unsigned int len;
	unsigned char proto;
	unsigned char ttl;
};

#endif /* TC_INGRESS_H */
