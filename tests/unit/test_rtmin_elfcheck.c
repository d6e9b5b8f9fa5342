// SPDX-License-Identifier: MIT
/*
 * rtmin_elf__check on a valid object, on targeted corruptions (each with the
 * reason it must give), on every prefix of the object, and on the regression
 * files kept from the mutation test and the fuzzer (inputs that crash libbpf
 * 1.1, or made it allocate a 2 GB .bss).
 *
 *   test_rtmin_elfcheck OBJ REGRESS_DIR
 */
#include "rtmin_elfcheck.h"
#include "tassert.h"
#include "common.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>

struct corruption {
	const char *what;
	size_t off;	/* byte offset into the file (computed) */
	uint32_t val;
	int width;
	const char *expect;	/* substring of the reason */
};

static void expect_reject(const uint8_t *orig, size_t len, const struct corruption *k)
{
	uint8_t *buf = malloc(len);
	char err[256];
	int ret;

	memcpy(buf, orig, len);
	if (k->width == 4)
		memcpy(buf + k->off, &k->val, 4);
	else if (k->width == 2)
		memcpy(buf + k->off, &(uint16_t){ (uint16_t)k->val }, 2);
	else
		buf[k->off] = (uint8_t)k->val;
	ret = rtmin_elf__check(buf, len, err, sizeof(err));
	T_EQ_INT(-EINVAL, ret);
	if (!strstr(err, k->expect))
		T_FAIL_AT("%s: reason \"%s\" lacks \"%s\"", k->what, err, k->expect);
	else
		t_pass++;
	free(buf);
}

static void targeted(const uint8_t *obj, size_t len)
{
	const Elf64_Ehdr *eh = (const void *)obj;
	const Elf64_Shdr *sh = (const void *)(obj + eh->e_shoff);
	const char *names = (const char *)obj + sh[eh->e_shstrndx].sh_offset;
	size_t btf = 0, i;

	for (i = 1; i < eh->e_shnum; i++)
		if (!strcmp(names + sh[i].sh_name, ".BTF"))
			btf = sh[i].sh_offset;
	T_TRUE(btf != 0);
	struct corruption ks[] = {
		{ "magic", 1, 'X', 1, "bad magic" },
		{ "class", EI_CLASS, ELFCLASS32, 1, "64-bit" },
		{ "machine", offsetof(Elf64_Ehdr, e_machine), 62, 2, "not BPF" },
		{ "shoff", offsetof(Elf64_Ehdr, e_shoff), 0xfffffff0u, 4, "section table" },
		{ "shstrndx", offsetof(Elf64_Ehdr, e_shstrndx), 0x7000, 2, "out of range" },
		{ "section name", eh->e_shoff + sizeof(Elf64_Shdr) + offsetof(Elf64_Shdr, sh_name),
		  0x7fffffff, 4, "name offset" },
		{ "section size", eh->e_shoff + sizeof(Elf64_Shdr) + offsetof(Elf64_Shdr, sh_size),
		  0x7fffffff, 4, "outside" },
		{ "btf magic", btf, 0x1234, 2, "BTF: bad magic" },
		{ "btf hdr_len", btf + 4, 0xffff, 4, "header length" },
		{ "btf str_len", btf + 20, 0xffffff, 4, "string section" },
		{ "btf type 1 name", btf + 24, 0xfffffff, 4, "name offset" },
		{ "btf type 1 kind", btf + 24 + 7, 0x1f, 1, "unknown kind" },
	};
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
		expect_reject(obj, len, &ks[i]);
}

static void prefixes(const uint8_t *obj, size_t len)
{
	char err[256];
	size_t n, rejected = 0, tried = 0;

	for (n = 0; n < len; n += 7, tried++)
		rejected += rtmin_elf__check(obj, n, err, sizeof(err)) == -EINVAL;
	T_EQ_INT(tried, rejected);
}

static void regressions(const char *dir)
{
	struct dirent *de;
	char err[256];
	int files = 0;
	DIR *d = opendir(dir);

	T_TRUE(d != NULL);
	while (d && (de = readdir(d))) {
		char *path, *data;
		size_t len;

		if (!strstr(de->d_name, ".o"))
			continue;
		path = cmn_asprintf("%s/%s", dir, de->d_name);
		if (cmn_read_file(path, 1 << 20, &data, &len) == 0) {
			files++;
			if (rtmin_elf__check(data, len, err, sizeof(err)) != -EINVAL)
				T_FAIL_AT("%s was accepted", path);
			else
				t_pass++;
			free(data);
		}
		free(path);
	}
	if (d)
		closedir(d);
	T_TRUE(files > 0);
}

/* Raw BTF: the running kernel's passes; damaged copies do not. */
static void raw_btf(void)
{
	char *btf, err[256];
	size_t len;

	if (cmn_read_file("/sys/kernel/btf/vmlinux", 256 << 20, &btf, &len)) {
		printf("note: no /sys/kernel/btf/vmlinux, raw BTF checks skipped\n");
		return;
	}
	T_EQ_INT(0, rtmin_btf__check_raw(btf, len, err, sizeof(err)));
	T_EQ_INT(-EINVAL, rtmin_btf__check_raw(btf, len / 2, err, sizeof(err)));
	T_TRUE(strstr(err, "BTF:") != NULL);
	btf[0] ^= 0xff;
	T_EQ_INT(-EINVAL, rtmin_btf__check_raw(btf, len, err, sizeof(err)));
	T_TRUE(strstr(err, "bad magic") != NULL);
	T_EQ_INT(-EINVAL, rtmin_btf__check_raw(NULL, 0, err, sizeof(err)));
	free(btf);
}

int main(int argc, char **argv)
{
	char *obj, err[256];
	size_t len;

	if (argc < 3 || cmn_read_file(argv[1], 1 << 24, &obj, &len)) {
		fprintf(stderr, "usage: %s OBJ REGRESS_DIR\n", argv[0]);
		return 2;
	}
	T_EQ_INT(0, rtmin_elf__check(obj, len, err, sizeof(err)));
	T_EQ_STR("", err);
	T_EQ_INT(-EINVAL, rtmin_elf__check(NULL, 0, err, sizeof(err)));
	targeted((const uint8_t *)obj, len);
	prefixes((const uint8_t *)obj, len);
	regressions(argv[2]);
	raw_btf();
	free(obj);
	TEST_MAIN_END();
}
