#ifndef GOOD_H
#define GOOD_H
struct good_event {
	int pid;
	char comm[16];
};
#endif
