// SPDX-License-Identifier: MIT
/*
 * Reading and writing the standalone trailer (format in rtmin_standalone.h).
 *
 * The executable is untrusted input like any package: every read is a
 * bounded pread at an offset computed from the file size, the length is
 * checked against the file and the cap before anything is allocated, and
 * both the trailer and the payload carry a CRC-32 so a damaged file is
 * reported instead of being half-run.
 */
#define _GNU_SOURCE
#include "rtmin_standalone.h"
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* Bytes read from the end: the trailer plus room to spot a shifted one. */
#define TAIL_WINDOW (2 * RTMIN_STANDALONE_TRAILER_SIZE)
/* A file ending in this much of the magic is taken as a cut trailer. */
#define MIN_MAGIC_PREFIX 8
/* Payload copy chunk (heap-allocated). */
#define COPY_CHUNK (64u << 10)

struct rtmin_standalone {
	int fd;
	char *path;
	size_t size;
};

static void put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* zlib's crc32 takes a uInt length: feed large buffers in pieces. */
static uint32_t crc_update(uint32_t crc, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len) {
		uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;

		crc = (uint32_t)crc32(crc, p, n);
		p += n;
		len -= n;
	}
	return crc;
}

int rtmin_standalone__encode_trailer(const void *payload, size_t len,
				     unsigned char out[RTMIN_STANDALONE_TRAILER_SIZE])
{
	if (len == 0 || len > RTMIN_STANDALONE_MAX_PAYLOAD)
		return -EFBIG;
	memcpy(out, RTMIN_STANDALONE_MAGIC, RTMIN_STANDALONE_MAGIC_LEN);
	put_le(out + 16, len, 8);
	put_le(out + 24, crc_update(0, payload, len), 4);
	put_le(out + 28, crc_update(0, out, 28), 4);
	return 0;
}

/* pread exactly len bytes at off; -EIO on a short file. */
static int pread_full(int fd, void *buf, size_t len, off_t off)
{
	unsigned char *p = buf;
	ssize_t n;

	while (len) {
		n = pread(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/*
 * No valid trailer at the end, but the magic nearby or a prefix of it
 * ending the file: a trailer that was cut or shifted, not a plain file.
 */
static bool looks_cut(const unsigned char *tail, size_t n)
{
	const size_t m = RTMIN_STANDALONE_MAGIC_LEN;
	size_t i, k;

	for (i = 0; i + m <= n; i++)
		if (memcmp(tail + i, RTMIN_STANDALONE_MAGIC, m) == 0)
			return true;
	for (k = MIN_MAGIC_PREFIX; k < m && k <= n; k++)
		if (memcmp(tail + n - k, RTMIN_STANDALONE_MAGIC, k) == 0)
			return true;
	return false;
}

static int cut_trailer(const char *name)
{
	pr_warn("%s: the embedded package's trailer is not at the end of the file "
		"(cut short, or data appended after it)\n",
		name);
	return -EINVAL;
}

/*
 * Check the trailer at the end of tail[0..n) of a file of `size` bytes.
 * 1 with *len and *crc set, 0 when there is none, negative errno (logged).
 */
static int parse_trailer(const char *name, const unsigned char *tail, size_t n, uint64_t size,
			 uint64_t *len, uint32_t *crc)
{
	const size_t m = RTMIN_STANDALONE_MAGIC_LEN;
	const unsigned char *t;

	if (n < RTMIN_STANDALONE_TRAILER_SIZE)
		return looks_cut(tail, n) ? cut_trailer(name) : 0;
	t = tail + n - RTMIN_STANDALONE_TRAILER_SIZE;
	if (memcmp(t, RTMIN_STANDALONE_MAGIC, m) != 0) {
		if (memcmp(t, RTMIN_STANDALONE_MAGIC, m - 1) == 0) {
			pr_warn(
			    "%s: embedded package has trailer format '%c', this ecli reads '%c' "
			    "(rebuild it with this ecc)\n",
			    name, t[m - 1], RTMIN_STANDALONE_MAGIC[m - 1]);
			return -EPROTO;
		}
		return looks_cut(tail, n) ? cut_trailer(name) : 0;
	}
	if (get_le(t + 28, 4) != crc_update(0, t, 28)) {
		pr_warn("%s: the embedded package's trailer is corrupt (checksum mismatch)\n",
			name);
		return -EINVAL;
	}
	*len = get_le(t + 16, 8);
	*crc = (uint32_t)get_le(t + 24, 4);
	if (*len == 0 || *len > RTMIN_STANDALONE_MAX_PAYLOAD) {
		pr_warn("%s: embedded package of %llu bytes is outside 1..%u\n", name,
			(unsigned long long)*len, RTMIN_STANDALONE_MAX_PAYLOAD);
		return -EFBIG;
	}
	if (*len > size - RTMIN_STANDALONE_TRAILER_SIZE) {
		pr_warn("%s: embedded package is truncated: the trailer says %llu bytes, only %llu "
			"precede it\n",
			name, (unsigned long long)*len,
			(unsigned long long)(size - RTMIN_STANDALONE_TRAILER_SIZE));
		return -EINVAL;
	}
	return 1;
}

/* Copy len bytes at off into dst, checking their CRC-32 on the way. */
static int copy_payload(int src, int dst, const char *name, off_t off, size_t len, uint32_t crc)
{
	unsigned char *buf;
	uint32_t got = 0;
	ssize_t w;
	size_t n;
	int err = 0;

	buf = malloc(COPY_CHUNK);
	if (!buf)
		return -ENOMEM;
	while (len) {
		n = len < COPY_CHUNK ? len : COPY_CHUNK;
		err = pread_full(src, buf, n, off);
		if (err) {
			pr_warn("%s: cannot read the embedded package: %s\n", name, strerror(-err));
			goto out;
		}
		got = crc_update(got, buf, n);
		w = write(dst, buf, n);
		if (w != (ssize_t)n) {
			err = w < 0 ? -errno : -EIO;
			pr_warn("%s: cannot copy the embedded package to memory: %s\n", name,
				strerror(-err));
			goto out;
		}
		off += (off_t)n;
		len -= n;
	}
	if (got != crc) {
		pr_warn("%s: the embedded package is corrupt (checksum mismatch)\n", name);
		err = -EINVAL;
	}
out:
	free(buf);
	return err;
}

/* A sealed memfd holding the payload, wrapped in a struct rtmin_standalone. */
static int make_memfd(int src, const char *name, off_t off, size_t len, uint32_t crc,
		      struct rtmin_standalone **out)
{
	struct rtmin_standalone *s;
	int err;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->size = len;
	s->fd = memfd_create("ecli-package", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (s->fd < 0) {
		err = -errno;
		pr_warn("%s: memfd_create: %s\n", name, strerror(-err));
		goto err_free;
	}
	err = copy_payload(src, s->fd, name, off, len, crc);
	if (err)
		goto err_free;
	/* Read-only from here: nothing can change the package under libbpf. */
	fcntl(s->fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	s->path = cmn_asprintf("/proc/self/fd/%d", s->fd);
	if (!s->path) {
		err = -ENOMEM;
		goto err_free;
	}
	*out = s;
	return 1;
err_free:
	rtmin_standalone__close(s);
	return err;
}

int rtmin_standalone__open_fd(int fd, const char *name, struct rtmin_standalone **out)
{
	unsigned char tail[TAIL_WINDOW];
	uint64_t len = 0, size;
	uint32_t crc = 0;
	struct stat st;
	size_t n;
	int err;

	*out = NULL;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		pr_warn("%s: %s\n", name, strerror(-err));
		return err;
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0)
		return 0;
	size = (uint64_t)st.st_size;
	n = size < TAIL_WINDOW ? (size_t)size : TAIL_WINDOW;
	err = pread_full(fd, tail, n, (off_t)(size - n));
	if (err) {
		pr_warn("%s: cannot read its end: %s\n", name, strerror(-err));
		return err;
	}
	err = parse_trailer(name, tail, n, size, &len, &crc);
	if (err <= 0)
		return err;
	return make_memfd(fd, name, (off_t)(size - RTMIN_STANDALONE_TRAILER_SIZE - len),
			  (size_t)len, crc, out);
}

int rtmin_standalone__open_file(const char *path, struct rtmin_standalone **out)
{
	int fd, err;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("%s: %s\n", path, strerror(-err));
		return err;
	}
	err = rtmin_standalone__open_fd(fd, path, out);
	close(fd);
	return err;
}

int rtmin_standalone__payload(struct rtmin_standalone **out)
{
	char *name = cmn_realpath("/proc/self/exe");
	int fd, err = 0;

	*out = NULL;
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		/* No /proc, or an execute-only binary: run as a plain ecli. */
		pr_info("cannot read /proc/self/exe (%s): not looking for an embedded package\n",
			strerror(errno));
		goto out;
	}
	/* Messages name the executable the user ran, not /proc/self/exe. */
	err = rtmin_standalone__open_fd(fd, name ? name : "/proc/self/exe", out);
	close(fd);
out:
	free(name);
	return err;
}

const char *rtmin_standalone__path(const struct rtmin_standalone *s)
{
	return s->path;
}

size_t rtmin_standalone__size(const struct rtmin_standalone *s)
{
	return s->size;
}

void rtmin_standalone__close(struct rtmin_standalone *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s->path);
	free(s);
}
