// SPDX-License-Identifier: MIT
/*
 * The standalone trailer reader on arbitrary file contents: it must never
 * crash or over-read, and whatever it accepts must be exactly the bytes
 * before the trailer. Each input is also checked with a valid trailer
 * appended, which must round-trip.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"
#include "rtmin_standalone.h"

static void quiet(enum cmn_log_level level, const char *msg)
{
}

/* Open data[0..len) as a file; 1/0/-errno as the reader says. */
static int check(const uint8_t *data, size_t len, const uint8_t *want, size_t want_len)
{
	struct rtmin_standalone *s = NULL;
	char *got = NULL;
	size_t got_len = 0;
	int fd, rc;

	fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	rc = rtmin_standalone__open_fd(fd, "fuzz", &s);
	close(fd);
	if (rc == 1) {
		if (!s || rtmin_standalone__size(s) + RTMIN_STANDALONE_TRAILER_SIZE > len)
			abort();
		if (cmn_read_file(rtmin_standalone__path(s), len, &got, &got_len) ||
		    got_len != rtmin_standalone__size(s) ||
		    memcmp(got, data + len - RTMIN_STANDALONE_TRAILER_SIZE - got_len, got_len))
			abort();
		if (want && (got_len != want_len || memcmp(got, want, want_len)))
			abort();
	} else if (s) {
		abort();
	}
	free(got);
	rtmin_standalone__close(s);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char t[RTMIN_STANDALONE_TRAILER_SIZE];
	uint8_t *with;

	cmn_set_print(quiet);
	check(data, size, NULL, 0);
	if (size == 0 || rtmin_standalone__encode_trailer(data, size, t))
		return 0;
	with = malloc(size + sizeof(t));
	if (!with)
		return 0;
	memcpy(with, data, size);
	memcpy(with + size, t, sizeof(t));
	if (check(with, size + sizeof(t), data, size) != 1)
		abort();
	free(with);
	return 0;
}
