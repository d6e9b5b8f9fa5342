#ifndef NOSTRUCT_H
#define NOSTRUCT_H
#define MAX_ENTRIES 1024
typedef unsigned int counter_t;
#endif
