#ifndef UNTAGGED_H
#define UNTAGGED_H
typedef struct {
	int pid;
} untagged_event_t;
#endif
