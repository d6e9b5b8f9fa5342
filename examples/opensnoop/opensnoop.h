/* SPDX-License-Identifier: MIT */
/* opensnoop.h: what each openat() event carries to user space. */
#ifndef OPENSNOOP_H
#define OPENSNOOP_H

#define TASK_COMM_LEN 16
#define NAME_LEN 128

struct open_event {
	int pid;
	unsigned int uid;
	int flags;
	char comm[TASK_COMM_LEN];
	char filename[NAME_LEN];
};

#endif /* OPENSNOOP_H */
