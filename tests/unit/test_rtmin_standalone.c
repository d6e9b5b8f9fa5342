// SPDX-License-Identifier: MIT
/*
 * The standalone trailer reader on files crafted here: valid payloads,
 * plain files, and every kind of damage (truncated, shifted, corrupt
 * trailer, corrupt payload, oversized or zero length, another format
 * version), plus the memfd (sealed, readable through its path) and the
 * real /proc/self/exe path through a copy of this test with a payload.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "common.h"
#include "rtmin_standalone.h"
#include "tassert.h"

#define T_SIZE RTMIN_STANDALONE_TRAILER_SIZE

static struct cmn_buf logged;

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		cmn_buf__puts(&logged, msg);
}

static bool logged_has(const char *s)
{
	return logged.ptr && strstr(logged.ptr, s);
}

static const char payload[] = "{\"bpf_object\":\"eJz=\",\"bpf_object_size\":3,\"meta\":{}}\n";
#define PAYLOAD_LEN (sizeof(payload) - 1)

/* A fake executable: 4 KiB of "code" with no magic in it. */
static void fake_stub(struct cmn_buf *b)
{
	size_t i;
	char c;

	cmn_buf__append(b, ELFMAG, SELFMAG);
	for (i = 4; i < 4096; i++) {
		c = (char)(i * 7 + 3);
		cmn_buf__append(b, &c, 1);
	}
}

/* stub + data + trailer into b; returns the trailer's offset. */
static size_t make_exe(struct cmn_buf *b, const void *data, size_t len)
{
	unsigned char t[T_SIZE];
	size_t off;

	fake_stub(b);
	cmn_buf__append(b, data, len);
	off = b->cnt;
	T_EQ_INT(0, rtmin_standalone__encode_trailer(data, len, t));
	cmn_buf__append(b, t, T_SIZE);
	return off;
}

static void put_le(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Rewrite the trailer's own CRC (of bytes 0..27) after changing a field. */
static void reseal(unsigned char *t)
{
	put_le(t + 28, crc32(0, t, 28), 4);
}

/* Write bytes to dir/name and open them with the reader; the struct is closed. */
static int open_bytes(const char *dir, const char *name, const void *data, size_t len)
{
	struct rtmin_standalone *s = (void *)1;
	char *path = cmn_asprintf("%s/%s", dir, name);
	int rc;

	T_EQ_INT(0, cmn_write_file_atomic(path, data, len, 0755));
	cmn_buf__free(&logged);
	rc = rtmin_standalone__open_file(path, &s);
	if (rc <= 0)
		T_TRUE(s == NULL);
	rtmin_standalone__close(s);
	free(path);
	return rc;
}

static void test_valid(const char *dir)
{
	struct rtmin_standalone *s = NULL;
	struct cmn_buf b = {0};
	char *path = cmn_asprintf("%s/valid", dir), *got = NULL;
	size_t got_len = 0;
	int fd;

	make_exe(&b, payload, PAYLOAD_LEN);
	T_EQ_INT(0, cmn_write_file_atomic(path, b.ptr, b.cnt, 0755));
	T_EQ_INT(1, rtmin_standalone__open_file(path, &s));
	T_TRUE(s != NULL);
	if (s) {
		T_EQ_INT(PAYLOAD_LEN, rtmin_standalone__size(s));
		T_TRUE(strncmp(rtmin_standalone__path(s), "/proc/self/fd/", 14) == 0);
		T_EQ_INT(0, cmn_read_file(rtmin_standalone__path(s), 1 << 20, &got, &got_len));
		T_EQ_INT(PAYLOAD_LEN, got_len);
		if (got && got_len == PAYLOAD_LEN)
			T_EQ_MEM(payload, got, PAYLOAD_LEN);
		/* Sealed: the package cannot change once handed out. */
		fd = open(rtmin_standalone__path(s), O_WRONLY | O_CLOEXEC);
		T_TRUE(fd >= 0);
		if (fd >= 0) {
			T_TRUE(write(fd, "x", 1) < 0 && errno == EPERM);
			close(fd);
		}
	}
	rtmin_standalone__close(s);
	rtmin_standalone__close(NULL);
	free(got);
	free(path);
	cmn_buf__free(&b);
}

static void test_no_trailer(const char *dir)
{
	struct cmn_buf b = {0};
	int pfd[2];

	T_EQ_INT(0, open_bytes(dir, "empty", "", 0));
	T_EQ_INT(0, open_bytes(dir, "tiny", ELFMAG, SELFMAG));
	fake_stub(&b);
	T_EQ_INT(0, open_bytes(dir, "plain", b.ptr, b.cnt));
	T_TRUE(logged.ptr == NULL); /* no trailer is not an error: nothing logged */
	/* A payload without its trailer is just a file. */
	cmn_buf__append(&b, payload, PAYLOAD_LEN);
	T_EQ_INT(0, open_bytes(dir, "no-trailer", b.ptr, b.cnt));
	cmn_buf__free(&b);
	/* Not regular files: a directory and a pipe carry no trailer. */
	T_EQ_INT(0, rtmin_standalone__open_file(dir, &(struct rtmin_standalone *){NULL}));
	T_EQ_INT(0, pipe(pfd));
	T_EQ_INT(0, rtmin_standalone__open_fd(pfd[0], "pipe", &(struct rtmin_standalone *){NULL}));
	close(pfd[0]);
	close(pfd[1]);
	T_EQ_INT(-ENOENT, rtmin_standalone__open_file("/nonexistent/ecli-x",
						      &(struct rtmin_standalone *){NULL}));
}

/* Cutting 1..24 bytes off the trailer is noticed; nothing cut is ever accepted. */
static void test_truncated(const char *dir)
{
	struct cmn_buf b = {0};
	size_t k;
	int rc;

	make_exe(&b, payload, PAYLOAD_LEN);
	for (k = 1; k < T_SIZE; k++) {
		rc = open_bytes(dir, "cut", b.ptr, b.cnt - k);
		if (k <= 24) {
			T_EQ_INT(-EINVAL, rc);
			T_TRUE(
			    logged_has("/cut: the embedded package's trailer is not at the end"));
		} else {
			T_TRUE(rc != 1);
		}
	}
	/* A file shorter than a trailer that is the start of one. */
	T_EQ_INT(-EINVAL, open_bytes(dir, "short-cut", b.ptr + b.cnt - T_SIZE, 20));
	/* Bytes appended after a valid trailer. */
	cmn_buf__append(&b, "junk\n", 5);
	T_EQ_INT(-EINVAL, open_bytes(dir, "appended", b.ptr, b.cnt));
	T_TRUE(logged_has("data appended after it"));
	cmn_buf__free(&b);
}

static void test_corrupt(const char *dir)
{
	struct cmn_buf b = {0};
	size_t toff;

	toff = make_exe(&b, payload, PAYLOAD_LEN);
	/* One payload byte changed: the payload CRC catches it. */
	b.ptr[toff - 3] ^= 0x20;
	T_EQ_INT(-EINVAL, open_bytes(dir, "bad-payload", b.ptr, b.cnt));
	T_TRUE(logged_has("/bad-payload: the embedded package is corrupt (checksum mismatch)"));
	b.ptr[toff - 3] ^= 0x20;
	T_EQ_INT(1, open_bytes(dir, "restored", b.ptr, b.cnt));
	/* A length byte changed without fixing the trailer CRC. */
	b.ptr[toff + 16] ^= 0x01;
	T_EQ_INT(-EINVAL, open_bytes(dir, "bad-trailer", b.ptr, b.cnt));
	T_TRUE(logged_has("trailer is corrupt (checksum mismatch)"));
	/* The payload CRC field changed, trailer CRC fixed: payload check fails. */
	b.ptr[toff + 16] ^= 0x01;
	b.ptr[toff + 24] ^= 0x01;
	reseal((unsigned char *)b.ptr + toff);
	T_EQ_INT(-EINVAL, open_bytes(dir, "bad-crc-field", b.ptr, b.cnt));
	T_TRUE(logged_has("embedded package is corrupt"));
	cmn_buf__free(&b);
}

/* Lengths that are consistent with the trailer CRC but not with the file. */
static void test_lengths(const char *dir)
{
	struct cmn_buf b = {0};
	unsigned char *t;
	size_t toff;

	toff = make_exe(&b, payload, PAYLOAD_LEN);
	t = (unsigned char *)b.ptr + toff;
	put_le(t + 16, b.cnt, 8); /* more than precedes the trailer */
	reseal(t);
	T_EQ_INT(-EINVAL, open_bytes(dir, "long", b.ptr, b.cnt));
	T_TRUE(logged_has("/long: embedded package is truncated: the trailer says"));
	put_le(t + 16, (uint64_t)RTMIN_STANDALONE_MAX_PAYLOAD + 1, 8);
	reseal(t);
	T_EQ_INT(-EFBIG, open_bytes(dir, "huge", b.ptr, b.cnt));
	T_TRUE(logged_has("/huge: embedded package of 268435457 bytes is outside"));
	put_le(t + 16, UINT64_MAX, 8);
	reseal(t);
	T_EQ_INT(-EFBIG, open_bytes(dir, "max", b.ptr, b.cnt));
	put_le(t + 16, 0, 8);
	reseal(t);
	T_EQ_INT(-EFBIG, open_bytes(dir, "zero", b.ptr, b.cnt));
	/* Shorter than written: the CRC over the wrong bytes fails. */
	put_le(t + 16, PAYLOAD_LEN - 1, 8);
	reseal(t);
	T_EQ_INT(-EINVAL, open_bytes(dir, "short", b.ptr, b.cnt));
	cmn_buf__free(&b);
}

static void test_version(const char *dir)
{
	struct cmn_buf b = {0};
	unsigned char *t;

	size_t off = make_exe(&b, payload, PAYLOAD_LEN);

	t = (unsigned char *)b.ptr + off;
	t[RTMIN_STANDALONE_MAGIC_LEN - 1] = '2';
	reseal(t);
	T_EQ_INT(-EPROTO, open_bytes(dir, "v2", b.ptr, b.cnt));
	T_TRUE(logged_has("/v2: embedded package has trailer format '2', this ecli reads '1'"));
	cmn_buf__free(&b);
}

static void test_encode(void)
{
	unsigned char t[T_SIZE];

	memset(t, 0xaa, sizeof(t));
	T_EQ_INT(-EFBIG, rtmin_standalone__encode_trailer(payload, 0, t));
	T_EQ_INT(0xaa, t[0]); /* nothing written on failure */
	T_EQ_INT(-EFBIG, rtmin_standalone__encode_trailer(
			     payload, (size_t)RTMIN_STANDALONE_MAX_PAYLOAD + 1, t));
	T_EQ_INT(0, rtmin_standalone__encode_trailer(payload, PAYLOAD_LEN, t));
	T_EQ_MEM(RTMIN_STANDALONE_MAGIC, t, RTMIN_STANDALONE_MAGIC_LEN);
	T_EQ_INT(PAYLOAD_LEN, t[16]);
	T_EQ_INT(0, t[17] | t[18] | t[23]);
	T_EQ_INT(crc32(0, (const unsigned char *)payload, PAYLOAD_LEN),
		 t[24] | t[25] << 8 | t[26] << 16 | (uint32_t)t[27] << 24);
}

/* Run as a copy with a payload: print what rtmin_standalone__payload() finds. */
static int self_payload_mode(void)
{
	struct rtmin_standalone *s = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	rc = rtmin_standalone__payload(&s);
	if (rc <= 0) {
		printf("payload: %d\n", rc);
		return rc < 0 ? 1 : 0;
	}
	rc = cmn_read_file(rtmin_standalone__path(s), 1 << 20, &data, &len);
	if (!rc)
		fwrite(data, 1, len, stdout);
	free(data);
	rtmin_standalone__close(s);
	return rc ? 1 : 0;
}

/* This test binary, copied with a payload appended, finds it at /proc/self/exe. */
static void test_self(const char *dir)
{
	char *argv[3] = {NULL, "--self-payload", NULL};
	struct rtmin_standalone *s = (void *)1;
	struct cmn_proc_result r = {0};
	struct cmn_buf b = {0};
	char *self = NULL, *path = cmn_asprintf("%s/self-sa", dir), *real = NULL, *want = NULL;
	unsigned char t[T_SIZE];
	size_t len = 0, toff;

	/* The plain test binary carries nothing. */
	T_EQ_INT(0, rtmin_standalone__payload(&s));
	T_TRUE(s == NULL);
	T_EQ_INT(0, cmn_read_file("/proc/self/exe", 256u << 20, &self, &len));
	cmn_buf__append(&b, self, len);
	cmn_buf__append(&b, payload, PAYLOAD_LEN);
	toff = b.cnt;
	rtmin_standalone__encode_trailer(payload, PAYLOAD_LEN, t);
	cmn_buf__append(&b, t, T_SIZE);
	T_EQ_INT(0, cmn_write_file_atomic(path, b.ptr, b.cnt, 0755));
	argv[0] = path;
	T_EQ_INT(0, cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR, &r));
	T_EQ_INT(0, r.status);
	T_EQ_STR(payload, r.out);
	cmn_proc_result__free(&r);

	/* Damaged: the error names the executable the user ran. */
	b.ptr[toff - 2] ^= 0x01;
	T_EQ_INT(0, cmn_write_file_atomic(path, b.ptr, b.cnt, 0755));
	memset(&r, 0, sizeof(r));
	T_EQ_INT(0, cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR, &r));
	T_EQ_INT(1, r.status);
	real = cmn_realpath(path);
	want = cmn_asprintf("%s: the embedded package is corrupt", real ? real : path);
	T_TRUE(r.err && strstr(r.err, want));
	if (!(r.err && strstr(r.err, want)))
		fprintf(stderr, "stderr was: %s\n", r.err ? r.err : "(none)");
	cmn_proc_result__free(&r);
	free(want);
	free(real);
	free(self);
	free(path);
	cmn_buf__free(&b);
}

int main(int argc, char **argv)
{
	char *dir;

	if (argc == 2 && strcmp(argv[1], "--self-payload") == 0)
		return self_payload_mode();
	dir = cmn_mkdtemp("test_rtmin_standalone");
	if (!dir) {
		perror("mkdtemp");
		return 1;
	}
	cmn_set_print(capture);
	test_encode();
	test_valid(dir);
	test_no_trailer(dir);
	test_truncated(dir);
	test_corrupt(dir);
	test_lengths(dir);
	test_version(dir);
	cmn_set_print(NULL);
	test_self(dir);
	cmn_rm_rf(dir);
	free(dir);
	cmn_buf__free(&logged);
	TEST_MAIN_END();
}
