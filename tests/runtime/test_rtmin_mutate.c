// SPDX-License-Identifier: MIT
/*
 * Mutation test of rtmin_elf__check: corrupt a valid BPF object many times;
 * every mutant the check accepts is opened with bpf_object__open_mem in a
 * forked child, which must not die by a signal or hang. Mutants the check
 * rejected are opened too (in children) to count the crashes it caught.
 *
 *   test_rtmin_mutate OBJ ITERATIONS SEED [SAVE_DIR [load]]
 *
 * With `load` (root), accepted mutants are also loaded into the kernel, which
 * runs libbpf's CO-RE relocation and BTF sanitizing on them.
 *
 * With SAVE_DIR, a crashing accepted mutant is written there as crash-N.o,
 * and a rejected one that crashes libbpf as caught-N.o: such files are kept
 * as regression inputs under tests/runtime/elfcheck-regress/.
 * Exit 0 when no accepted mutant crashed.
 */
#include "rtmin_elfcheck.h"

#include <bpf/libbpf.h>
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

struct region {
	size_t off, len;
};

struct mut_ctx {
	const uint8_t *orig;
	size_t len;
	struct region hot[8];	/* section table, .BTF, .BTF.ext, .symtab, .rel* */
	size_t nhot;
	uint64_t rng;
};

static uint64_t rnd(struct mut_ctx *m)
{
	/* xorshift64*: deterministic per seed so a failure can be replayed */
	m->rng ^= m->rng >> 12;
	m->rng ^= m->rng << 25;
	m->rng ^= m->rng >> 27;
	return m->rng * 2685821657736338717ULL;
}

static void add_hot(struct mut_ctx *m, size_t off, size_t len)
{
	if (m->nhot < sizeof(m->hot) / sizeof(m->hot[0]) && len && off + len <= m->len)
		m->hot[m->nhot++] = (struct region){ off, len };
}

/* Find the regions libbpf interprets, so mutations land there more often. */
static void find_hot(struct mut_ctx *m)
{
	const Elf64_Ehdr *eh = (const void *)m->orig;
	const Elf64_Shdr *sh = (const void *)(m->orig + eh->e_shoff);
	const char *names = (const char *)m->orig + sh[eh->e_shstrndx].sh_offset;
	int i;

	add_hot(m, eh->e_shoff, (size_t)eh->e_shnum * sizeof(*sh));
	for (i = 1; i < eh->e_shnum; i++) {
		const char *n = names + sh[i].sh_name;

		if (!strcmp(n, ".BTF") || !strcmp(n, ".BTF.ext") || sh[i].sh_type == SHT_SYMTAB ||
		    sh[i].sh_type == SHT_REL)
			add_hot(m, sh[i].sh_offset, sh[i].sh_size);
	}
}

static const uint32_t interesting[] = {
	0, 1, 2, 4, 8, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe,
};

static void mutate_once(struct mut_ctx *m, uint8_t *buf, size_t *len)
{
	size_t off;
	uint32_t v;

	if (m->nhot && rnd(m) % 4 != 0) {
		const struct region *r = &m->hot[rnd(m) % m->nhot];

		off = r->off + rnd(m) % r->len;
	} else {
		off = rnd(m) % *len;
	}
	switch (rnd(m) % 6) {
	case 0:
		buf[off] ^= 1u << (rnd(m) % 8);
		break;
	case 1:
		buf[off] = (uint8_t)rnd(m);
		break;
	case 2:
	case 3:
		v = interesting[rnd(m) % (sizeof(interesting) / sizeof(interesting[0]))];
		if (rnd(m) % 3 == 0)
			v = (uint32_t)(rnd(m) % 64);
		off &= ~(size_t)3;
		if (off + 4 <= *len)
			memcpy(buf + off, &v, 4);
		break;
	case 4:
		if (off + 2 <= *len)
			buf[off + 1] ^= 0x80;
		break;
	default:
		if (rnd(m) % 8 == 0)	/* rare: truncate */
			*len = off ? off : 1;
		else
			buf[off] ^= 0xff;
		break;
	}
}

/* 0: opened or refused cleanly; 1: crashed (signal) or hung (SIGALRM, 30 s). */
static int open_in_child(const uint8_t *buf, size_t len, bool do_load)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0) {
		LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "mutant");
		struct bpf_object *obj;

		alarm(30);
		obj = bpf_object__open_mem(buf, len, &opts);
		if (obj && do_load)
			bpf_object__load(obj);
		bpf_object__close(obj);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 0;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		fprintf(stderr, "  a mutant took more than 30 s in libbpf (hang)\n");
	return WIFSIGNALED(status);
}

static int silent(enum libbpf_print_level l, const char *f, va_list ap)
{
	return 0;
}

static void save(const char *dir, const char *kind, int i, const uint8_t *buf, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%d.o", dir, kind, i);
	f = fopen(path, "wb");
	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
		fprintf(stderr, "  saved %s\n", path);
	}
}

static int load(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -errno;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	*data = malloc(n > 0 ? n : 1);
	if (!*data || fread(*data, 1, n, f) != (size_t)n) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	*len = n;
	return 0;
}

int main(int argc, char **argv)
{
	struct mut_ctx m = { 0 };
	const char *save_dir = argc > 4 && argv[4][0] ? argv[4] : NULL;
	bool do_load = argc > 5 && strcmp(argv[5], "load") == 0;
	long iters, i, accepted = 0, bad = 0, caught = 0;
	uint8_t *orig = NULL, *buf;
	char err[256];
	size_t len;

	if (argc < 4) {
		fprintf(stderr, "usage: %s OBJ ITERATIONS SEED [SAVE_DIR [load]]\n", argv[0]);
		return 2;
	}
	if (load(argv[1], &orig, &m.len)) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 2;
	}
	libbpf_set_print(silent);
	m.orig = orig;
	iters = atol(argv[2]);
	m.rng = strtoull(argv[3], NULL, 0) * 2 + 1;
	if (rtmin_elf__check(orig, m.len, err, sizeof(err))) {
		fprintf(stderr, "FAIL: the unmutated object is rejected: %s\n", err);
		return 1;
	}
	find_hot(&m);
	buf = malloc(m.len);
	for (i = 0; i < iters; i++) {
		int k, n = 1 + rnd(&m) % 4;

		memcpy(buf, orig, m.len);
		len = m.len;
		for (k = 0; k < n; k++)
			mutate_once(&m, buf, &len);
		if (rtmin_elf__check(buf, len, err, sizeof(err)) == 0) {
			accepted++;
			if (open_in_child(buf, len, do_load)) {
				bad++;
				fprintf(stderr, "FAIL: mutant %ld passed the check and crashed libbpf\n", i);
				if (save_dir)
					save(save_dir, "crash", (int)i, buf, len);
			}
		} else if (open_in_child(buf, len, do_load)) {
			caught++;
			if (save_dir)
				save(save_dir, "caught", (int)i, buf, len);
		}
	}
	printf("%ld mutants: %ld accepted by the check, %ld of those crashed libbpf; "
	       "%ld rejected mutants would have crashed libbpf\n", iters, accepted, bad, caught);
	free(buf);
	free(orig);
	return bad ? 1 : 0;
}
