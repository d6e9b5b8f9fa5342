/* SPDX-License-Identifier: MIT */
/* sigsnoop.h: one generated signal, as sent to user space. */
#ifndef SIGSNOOP_H
#define SIGSNOOP_H

#define TASK_COMM_LEN 16

struct signal_event {
	int pid;		/* sender */
	int target_pid;
	int sig;
	int result;		/* 0: delivered; else ignored, already pending, ... */
	unsigned int uid;	/* sender's user ID */
	char comm[TASK_COMM_LEN];	 /* sender */
	char target_comm[TASK_COMM_LEN];
};

#endif /* SIGSNOOP_H */
