/* SPDX-License-Identifier: MIT */
/* execsnoop.h: the export header: what each event holds. */
#ifndef EXECSNOOP_H
#define EXECSNOOP_H

struct exec_event {
	int pid;
	int ppid;
	unsigned int uid;
	char comm[16];
	char filename[128];
};

#endif /* EXECSNOOP_H */
