/* SPDX-License-Identifier: MIT */
/*
 * rtmin_standalone: packages embedded in an executable (`ecc -s`).
 *
 * A standalone executable is a copy of the ecli stub (ecli_standalone) with
 * a package appended and a fixed 32-byte trailer at the very end:
 *
 *   offset  size  field (integers little-endian)
 *   0       16    magic "ecli-standalone1" (the last byte is the format version)
 *   16      8     payload length in bytes
 *   24      4     CRC-32 (zlib) of the payload
 *   28      4     CRC-32 of bytes 0..27 of the trailer
 *
 * The payload sits right before the trailer. At start, ecli asks
 * rtmin_standalone__payload() whether its own /proc/self/exe carries one;
 * if so the payload is copied (bounded reads, checksummed) into a sealed
 * memfd and handed out as a path, /proc/self/fd/N, that rtmin_pkg__open()
 * reads like any package file. No temporary file is written.
 *
 * Errors: the openers return 1 (found), 0 (no trailer: a plain executable,
 * nothing logged) or a negative errno after logging once what is wrong with
 * the trailer or payload (truncated, corrupt, oversized, other version).
 * Ownership: the struct rtmin_standalone returned is freed with
 * rtmin_standalone__close(), which also closes the memfd.
 */
#ifndef RTMIN_STANDALONE_H
#define RTMIN_STANDALONE_H

#include <stddef.h>
#include <stdint.h>

#define RTMIN_STANDALONE_MAGIC "ecli-standalone1"
#define RTMIN_STANDALONE_MAGIC_LEN 16
#define RTMIN_STANDALONE_TRAILER_SIZE 32
/* The largest payload accepted: the largest package ecli reads. */
#define RTMIN_STANDALONE_MAX_PAYLOAD (256u << 20)

struct rtmin_standalone;

/*
 * Fill `out` with the trailer for `len` bytes of payload. -EFBIG when len is
 * 0 or above RTMIN_STANDALONE_MAX_PAYLOAD (nothing is written then).
 */
int rtmin_standalone__encode_trailer(const void *payload, size_t len,
				     unsigned char out[RTMIN_STANDALONE_TRAILER_SIZE]);

/*
 * The package embedded in the running executable (/proc/self/exe): 1 and
 * *out set when there is one, 0 when there is none, negative errno (logged)
 * when the trailer or payload is damaged.
 */
int rtmin_standalone__payload(struct rtmin_standalone **out);

/* The same for the file at `path` (tests, and ecc checking its stub). */
int rtmin_standalone__open_file(const char *path, struct rtmin_standalone **out);

/*
 * The same for an open file descriptor (borrowed, read with pread only);
 * `name` is used in messages.
 */
int rtmin_standalone__open_fd(int fd, const char *name, struct rtmin_standalone **out);

/* "/proc/self/fd/N" of the memfd holding the package (borrowed). */
const char *rtmin_standalone__path(const struct rtmin_standalone *s);

/* Size of the embedded package in bytes. */
size_t rtmin_standalone__size(const struct rtmin_standalone *s);

/* Close the memfd and free; NULL is fine. */
void rtmin_standalone__close(struct rtmin_standalone *s);

#endif /* RTMIN_STANDALONE_H */
