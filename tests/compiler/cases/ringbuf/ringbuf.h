/* SPDX-License-Identifier: MIT */
#ifndef RINGBUF_H
#define RINGBUF_H

#define TASK_COMM_LEN 16

/* Sent to user space for each exec. */
struct exec_event {
	int pid;
	int ppid;
	unsigned int uid;
	unsigned long long ts;
	char comm[TASK_COMM_LEN];
	bool is_root;
};

#endif /* RINGBUF_H */
