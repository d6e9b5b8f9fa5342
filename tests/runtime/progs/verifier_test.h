/* SPDX-License-Identifier: MIT */
/* Export struct of verifier_test.bpf.c */
#ifndef VERIFIER_TEST_H
#define VERIFIER_TEST_H

struct ok_event {
	int pid;
	char comm[16];
};

#endif
