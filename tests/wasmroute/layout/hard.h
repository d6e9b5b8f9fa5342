/* Layout hard cases for the Wasm-safe header generator: each struct has a
 * shape whose wasm32 layout differs from the BPF (LP64) one unless the
 * generator pads, widens and packs correctly. */
#ifndef HARD_H
#define HARD_H

#include <stddef.h>

typedef unsigned int u32;
typedef unsigned long long u64;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef int pid_t;

struct ptr_mid {
	char tag;
	void *p;		/* pointer in the middle: 8 bytes on BPF */
	int after;
	const char *name;
	unsigned short tail;
};

struct longs {
	long a;
	unsigned long b;
	int c;
	long d[3];
	size_t len;
	ssize_t slen;
	uintptr_t addr;
};

struct inner {
	short s;
	long l;
};

struct nested {
	char c;
	struct inner in;	/* named nested struct */
	struct {
		int x;
		char *y;
	} anon_named;		/* anonymous struct type, named member */
	union {
		u64 u;
		char bytes[3];
	};			/* anonymous union member */
	struct {
		char k;
		long v;
	} pairs[2];		/* array of anonymous structs */
	struct inner arr[3];	/* array of named structs */
};

enum e32 { E32_A = 1, E32_B = 0x7fffffff };
enum e_neg { ENEG_A = -5, ENEG_B = 3 };
enum e64 { E64_BIG = 0x100000000ULL, E64_SMALL = 1 };
enum __attribute__((packed)) e8 { E8_A = 1, E8_B = 200 };
enum __attribute__((packed)) e16 { E16_A = 1, E16_B = 40000 };

struct enums {
	enum e8 a;
	enum e32 b;
	enum e16 c;
	enum e_neg d;
	enum e64 e;
	enum { ANON_ONE = 1, ANON_TWO } f;
};

struct bits {
	unsigned int a : 3;
	unsigned int b : 5;
	unsigned int c : 20;
	char after;
	unsigned long long wide : 40;
	unsigned long long rest : 24;
	int x;
	unsigned char flag : 1;
};

struct sbits {
	int s3 : 3;
	long long s40 : 40;
	unsigned int u1 : 1;
	short tail;
	struct {
		int in5 : 5;
		unsigned int in9 : 9;
	} inner;
};

struct char_tail {
	u64 ts;
	pid_t pid;
	char comm[16];
	char last;		/* tail padding: 8-byte aligned size */
};

typedef struct {
	int id;
	void *owner;
} handle_t;

struct typedefs {
	u32 x;
	handle_t h;
	handle_t hs[2];
	u64 y;
};

union top_union {
	long l;
	char c[13];
	struct inner in;
};

struct with_union {
	char tag;
	union top_union u;
	_Bool ok;
	long double ld;
	double d;
	float f;
};

struct empty_tail {
	long a;
	char b[0];
};

#endif
