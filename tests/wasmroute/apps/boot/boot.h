#ifndef BOOT_H
#define BOOT_H
#define TASK_COMM_LEN 16

enum ev_kind { K_EXEC = 1, K_EXIT = 2 };

struct ev_pos {
	int x;
	long y;
};

struct event {
	int pid;
	int ppid;
	unsigned exit_code;
	unsigned long long duration_ns;
	char comm[TASK_COMM_LEN];
	bool exit_event;
	void *task;
	long delta;
	enum ev_kind kind;
	struct ev_pos pos;
	unsigned int flags_lo : 3;
	int signed_bits : 5;
	union {
		unsigned int as_u32;
		unsigned short as_u16[2];
	};
	struct ev_pos hist[2];
};
#endif
