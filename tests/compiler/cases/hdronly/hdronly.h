/* SPDX-License-Identifier: MIT */
#ifndef HDRONLY_H
#define HDRONLY_H

struct conn_event {
	unsigned int saddr;
	unsigned int daddr;
	unsigned short sport;
	unsigned short dport;
	unsigned long long bytes;
};

typedef struct dns_event {
	unsigned short id;
	char name[64];
} dns_event_t;

#endif
