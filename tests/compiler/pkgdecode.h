/* SPDX-License-Identifier: MIT */
/*
 * Decoding a package for the compiler tests (pkgcheck, pkgload): load JSON or
 * YAML, base64 + zlib decode the object with its size and ELF magic checked,
 * and parse the object's .BTF from memory. Problems are printed and counted
 * in pkg_problems.
 */
#ifndef PKGDECODE_H
#define PKGDECODE_H

#include <stddef.h>
#include <cJSON.h>

struct btf;

extern int pkg_problems;

#define PROBLEM(...)                                                                               \
	do {                                                                                       \
		pkg_problems++;                                                                    \
		fprintf(stderr, "pkgcheck: " __VA_ARGS__);                                         \
		fputc('\n', stderr);                                                               \
	} while (0)

cJSON *load_package(const char *path);
void *decode_object(const cJSON *pkg, size_t *len);
struct btf *object_btf(void *obj, size_t len);

#endif
