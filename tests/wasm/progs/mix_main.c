// SPDX-License-Identifier: MIT
/* Host driver for mix.c: one "name value" line per exported function. */
#include <stdio.h>

typedef unsigned long long u64;
typedef unsigned int u32;
u32 floats(void);
u64 int64(void);
u32 switches(void);
u32 pointers(void);
u32 copies(void);
u32 recursion(void);
u32 signs(void);

int main(void)
{
	printf("floats i32:%u\n", floats());
	printf("int64 i64:%llu\n", int64());
	printf("switches i32:%u\n", switches());
	printf("pointers i32:%u\n", pointers());
	printf("copies i32:%u\n", copies());
	printf("recursion i32:%u\n", recursion());
	printf("signs i32:%u\n", signs());
	return 0;
}
