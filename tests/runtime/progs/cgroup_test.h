/* SPDX-License-Identifier: MIT */
/* Export structs of cgroup_test.bpf.c */
#ifndef CGROUP_TEST_H
#define CGROUP_TEST_H

struct sock_event {
	int pid;
	int family;
	int type;
	char comm[16];
};

#endif
