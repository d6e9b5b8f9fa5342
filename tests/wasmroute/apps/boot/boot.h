#ifndef BOOT_H
#define BOOT_H
#define TASK_COMM_LEN 16
struct event {
	int pid;
	int ppid;
	unsigned exit_code;
	unsigned long long duration_ns;
	char comm[TASK_COMM_LEN];
	bool exit_event;
	void *task;
	long delta;
};
#endif
