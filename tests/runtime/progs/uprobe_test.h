/* SPDX-License-Identifier: MIT */
/* Export structs of uprobe_test.bpf.c */
#ifndef UPROBE_TEST_H
#define UPROBE_TEST_H

struct uprobe_event {
	int pid;
	int arg;
	char comm[16];
};

#endif
