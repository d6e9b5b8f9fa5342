/* SPDX-License-Identifier: MIT */
/*
 * Internal to rtmin_check: the state shared by the ELF walk
 * (rtmin_elfcheck.c) and the BTF walk (rtmin_btfcheck.c). Every read goes
 * through memcpy so unaligned input is fine.
 */
#ifndef RTMIN_CHECK_INT_H
#define RTMIN_CHECK_INT_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rtmin_ck {
	const uint8_t *data;
	size_t len;
	size_t shnum;
	uint64_t shoff;
	const char *shstr;	/* section name string table (in data) */
	uint64_t shstr_len;
	char *err;
	size_t err_len;
};

/* Format the reason into c->err; returns -EINVAL for `return ck_fail(...)`. */
int rtmin_ck__fail(struct rtmin_ck *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Copy section header i (i < c->shnum, bounds already checked). */
void rtmin_ck__shdr(const struct rtmin_ck *c, size_t i, Elf64_Shdr *out);

/* Size of the section named `name`; false when there is none. */
bool rtmin_ck__sec_size(const struct rtmin_ck *c, const char *name, uint64_t *size);

/*
 * Check a .BTF blob and, when ext != NULL, its .BTF.ext blob. Both lie
 * inside c->data (bounds checked by the caller).
 */
int rtmin_btf__check(struct rtmin_ck *c, const uint8_t *btf, size_t btf_len,
		     const uint8_t *ext, size_t ext_len);

static inline uint32_t rtmin_rd32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

static inline uint16_t rtmin_rd16(const uint8_t *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, 2);
	return v;
}

#endif /* RTMIN_CHECK_INT_H */
