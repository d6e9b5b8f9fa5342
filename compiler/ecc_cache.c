// SPDX-License-Identifier: MIT
/*
 * The cache directory (vmlinux.h, precompiled headers, clang's include
 * dirs). Entries are published with link() from a private temp file, so a
 * concurrent run never sees a half-written entry and an entry is never
 * replaced once it exists (a precompiled header records its vmlinux.h's
 * mtime, which a replacement would change).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common.h"
#include "ecc_job.h"

/* FNV-1a, 64 bit: not cryptographic; keys a local cache. */
uint64_t ecc_hash(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ? seed : 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * For large inputs (kernel BTF, read on every run): 8 bytes per step with a
 * multiply-xorshift mix, then the tail bytewise. Streaming callers must feed
 * chunks whose sizes are multiples of 8, except the last.
 */
uint64_t ecc_hash_wide(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ? seed : 0x9e3779b97f4a7c15ULL, w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return len ? ecc_hash(p, len, h) : h;
}

uint64_t ecc_hash_str(const char *s, uint64_t seed)
{
	/* Include the terminator so that ("ab","c") and ("a","bc") differ. */
	return ecc_hash(s, strlen(s) + 1, seed);
}

char *ecc_cache__dir(void)
{
	const char *env = getenv("ECC_CACHE_DIR");
	char *dir;
	int err;

	if (env && *env)
		dir = cmn_strdup(env);
	else if ((env = getenv("XDG_CACHE_HOME")) && *env)
		dir = cmn_asprintf("%s/ecc", env);
	else if ((env = getenv("HOME")) && *env)
		dir = cmn_asprintf("%s/.cache/ecc", env);
	else
		return NULL;
	if (!dir)
		return NULL;
	err = cmn_mkdir_p(dir, 0755);
	if (err) {
		pr_info("cache %s unusable (%s): working without a cache\n", dir, strerror(-err));
		free(dir);
		return NULL;
	}
	return dir;
}

int ecc_cache__publish_file(const char *tmp, const char *path)
{
	int err = 0;

	if (link(tmp, path) < 0 && errno != EEXIST)
		err = -errno;
	unlink(tmp);
	return err;
}

int ecc_cache__publish(const char *path, const void *data, size_t len)
{
	int err = cmn_write_file_new(path, data, len, 0644);

	return err == -EEXIST ? 0 : err;
}
