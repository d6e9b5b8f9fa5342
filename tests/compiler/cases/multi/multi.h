/* SPDX-License-Identifier: MIT */
#ifndef MULTI_H
#define MULTI_H

struct exec_rec {
	int pid;
	char comm[16];
};

struct exit_rec {
	int pid;
	int code;
};

#endif
