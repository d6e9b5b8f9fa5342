// SPDX-License-Identifier: MIT
/*
 * mkfixture OBJ OUT: write OBJ's BTF (kernel_types.c compiled with clang -g)
 * as raw BTF to OUT, adding the anonymous enums of flag constants that the
 * kernel's BTF has (BPF_ANY, BPF_F_CURRENT_CPU, ...) and that clang cannot
 * emit from a C file (an unused anonymous enum leaves no debug info).
 * Values come from the system's UAPI headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <bpf/btf.h>

struct konst {
	const char *name;
	long long value;
};

#define K(x) {#x, (long long)(x)}

static const struct konst update_flags[] = {
	K(BPF_ANY), K(BPF_NOEXIST), K(BPF_EXIST), K(BPF_F_LOCK), {0}};
static const struct konst map_flags[] = {
	K(BPF_F_NO_PREALLOC), K(BPF_F_NO_COMMON_LRU), K(BPF_F_NUMA_NODE), K(BPF_F_RDONLY),
	K(BPF_F_WRONLY), K(BPF_F_STACK_BUILD_ID), K(BPF_F_ZERO_SEED), K(BPF_F_RDONLY_PROG),
	K(BPF_F_WRONLY_PROG), K(BPF_F_CLONE), K(BPF_F_MMAPABLE), K(BPF_F_PRESERVE_ELEMS),
	K(BPF_F_INNER_MAP), {0}};
static const struct konst stack_flags[] = {
	K(BPF_F_SKIP_FIELD_MASK), K(BPF_F_USER_STACK), K(BPF_F_FAST_STACK_CMP),
	K(BPF_F_REUSE_STACKID), K(BPF_F_USER_BUILD_ID), {0}};
static const struct konst ringbuf_flags[] = {
	K(BPF_RB_NO_WAKEUP), K(BPF_RB_FORCE_WAKEUP), {0}};
static const struct konst ringbuf_query[] = {
	K(BPF_RB_AVAIL_DATA), K(BPF_RB_RING_SIZE), K(BPF_RB_CONS_POS), K(BPF_RB_PROD_POS), {0}};
static const struct konst skb_flags[] = {
	K(BPF_F_RECOMPUTE_CSUM), K(BPF_F_INVALIDATE_HASH), {0}};
static const struct konst redirect_flags[] = {K(BPF_F_INGRESS), {0}};
static const struct konst booleans[] = {{"false", 0}, {"true", 1}, {0}};
/* 64-bit and unsigned: BPF_F_CURRENT_CPU must not turn into -1. */
static const struct konst index_flags[] = {
	K(BPF_F_INDEX_MASK), K(BPF_F_CURRENT_CPU), K(BPF_F_CTXLEN_MASK), {0}};

static int add_enum(struct btf *btf, const struct konst *k, bool wide)
{
	int id, err = 0;

	id = wide ? btf__add_enum64(btf, NULL, 8, false) : btf__add_enum(btf, NULL, 4);
	if (id < 0)
		return id;
	for (; k->name && !err; k++)
		err = wide ? btf__add_enum64_value(btf, k->name, (__u64)k->value)
			   : btf__add_enum_value(btf, k->name, k->value);
	return err;
}

int main(int argc, char **argv)
{
	static const struct konst *const narrow[] = {
		booleans, update_flags, map_flags, stack_flags, ringbuf_flags, ringbuf_query,
		skb_flags, redirect_flags,
	};
	const void *raw;
	struct btf *btf;
	__u32 size;
	size_t i;
	FILE *f;
	int err = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: mkfixture OBJ OUT\n");
		return 2;
	}
	btf = btf__parse_elf(argv[1], NULL);
	if (!btf) {
		fprintf(stderr, "mkfixture: %s: no BTF\n", argv[1]);
		return 1;
	}
	for (i = 0; i < sizeof(narrow) / sizeof(narrow[0]) && !err; i++)
		err = add_enum(btf, narrow[i], false);
	if (!err)
		err = add_enum(btf, index_flags, true);
	raw = err ? NULL : btf__raw_data(btf, &size);
	f = raw ? fopen(argv[2], "wb") : NULL;
	if (!f || fwrite(raw, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "mkfixture: cannot write %s (%d)\n", argv[2], err);
		btf__free(btf);
		return 1;
	}
	btf__free(btf);
	return 0;
}
