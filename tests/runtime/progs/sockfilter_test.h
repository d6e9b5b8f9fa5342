/* SPDX-License-Identifier: MIT */
/* Export structs of sockfilter_test.bpf.c */
#ifndef SOCKFILTER_TEST_H
#define SOCKFILTER_TEST_H

struct pkt_event {
	unsigned int len;
	unsigned int protocol;
};

#endif
