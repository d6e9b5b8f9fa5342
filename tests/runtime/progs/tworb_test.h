/* SPDX-License-Identifier: MIT */
/* Export structs of tworb_test.bpf.c */
#ifndef TWORB_TEST_H
#define TWORB_TEST_H

enum open_kind {
	OPEN_READ = 0,
	OPEN_WRITE = 1,
};

struct open_event {
	int pid;
	enum open_kind kind;
	char comm[16];
	char filename[64];
};

struct exec_event {
	int pid;
	int ppid;
	unsigned long long ts;
	char comm[16];
};

#endif
