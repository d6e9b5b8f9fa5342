// SPDX-License-Identifier: MIT
/* Whole-file reads, atomic writes, directories. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

static int read_fd(int fd, size_t max_size, char **data, size_t *len)
{
	struct cmn_buf b = {0};
	char chunk[65536];
	ssize_t n;
	int err;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto err_free;
		}
		if (n == 0)
			break;
		if (b.cnt + (size_t)n > max_size) {
			err = -EFBIG;
			goto err_free;
		}
		err = cmn_buf__append(&b, chunk, (size_t)n);
		if (err)
			goto err_free;
	}
	*data = cmn_buf__steal(&b, len);
	return *data ? 0 : -ENOMEM;
err_free:
	cmn_buf__free(&b);
	return err;
}

int cmn_read_file(const char *path, size_t max_size, char **data, size_t *len)
{
	struct stat st;
	int fd, err;

	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, max_size, data, len);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	err = read_fd(fd, max_size, data, len);
	close(fd);
	return err;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Write data into a fresh temp file next to path (same directory, so the
 * same filesystem), then put it in place: rename() replaces, link() never
 * does (-EEXIST). The temp file is gone afterwards either way.
 */
static int write_via_temp(const char *path, const void *data, size_t len, int mode, bool replace)
{
	char *tmp;
	int fd, err;

	tmp = cmn_asprintf("%s.tmp.XXXXXX", path);
	if (!tmp)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = write_all(fd, data, len);
	if (!err && fchmod(fd, (mode_t)mode) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (!err && replace && rename(tmp, path) < 0)
		err = -errno;
	if (!err && !replace && link(tmp, path) < 0)
		err = -errno;
	if (err || !replace)
		unlink(tmp);
out:
	free(tmp);
	return err;
}

int cmn_write_file_atomic(const char *path, const void *data, size_t len, int mode)
{
	return write_via_temp(path, data, len, mode, true);
}

int cmn_write_file_new(const char *path, const void *data, size_t len, int mode)
{
	return write_via_temp(path, data, len, mode, false);
}

int cmn_mkdir_p(const char *path, int mode)
{
	char *p, *s;
	int err = 0;

	if (!*path) /* as mkdir(""); the walk below starts after the first byte */
		return -ENOENT;
	p = cmn_strdup(path);
	if (!p)
		return -ENOMEM;
	for (s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
			err = -errno;
			break;
		}
		if (!cmn_is_dir(p)) {
			err = -ENOTDIR;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return err;
}

char *cmn_mkdtemp(const char *prefix)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (!base || !*base)
		base = "/tmp";
	path = cmn_asprintf("%s/%s.XXXXXX", base, prefix ? prefix : "ecc");
	if (!path)
		return NULL;
	if (!mkdtemp(path)) {
		int err = errno;

		free(path);
		errno = err;
		return NULL;
	}
	return path;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(path) < 0 ? -1 : 0;
	return unlink(path) < 0 ? -1 : 0;
}

int cmn_rm_rf(const char *path)
{
	if (!path)
		return 0;
	if (nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0)
		return errno == ENOENT ? 0 : -errno;
	return 0;
}

bool cmn_file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool cmn_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cmn_realpath(const char *path)
{
	return realpath(path, NULL);
}
