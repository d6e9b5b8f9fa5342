/* SPDX-License-Identifier: MIT */
/* Export struct of ints_test.bpf.c */
#ifndef INTS_TEST_H
#define INTS_TEST_H

struct ints_event {
	signed char s8;
	unsigned char u8;
	short s16;
	unsigned short u16;
	int s32;
	unsigned int u32;
	long long s64;
	unsigned long long u64;
	_Bool flag;
	long minus_one;
};

#endif
