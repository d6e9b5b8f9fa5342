/* SPDX-License-Identifier: MIT */
/*
 * WASI fd_readdir: directory entries in the preview1 dirent layout (24-byte
 * header: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20,
 * then the name without a NUL). The cookie is the index of the next entry:
 * every call reads the directory afresh and skips that many entries, which
 * keeps no host state per guest fd. A last entry that does not fit is cut
 * short; the guest then sees bufused == buf_len and retries with more room,
 * as the spec describes.
 */
#define _GNU_SOURCE
#include "wasmi_app.h"
#include "wasmi_wasi_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define DIRENT_SIZE 24u

static uint8_t dtype_to_wasi(unsigned char t)
{
	switch (t) {
	case DT_REG:
		return WASI_FT_REG;
	case DT_DIR:
		return WASI_FT_DIR;
	case DT_CHR:
		return WASI_FT_CHAR;
	case DT_BLK:
		return WASI_FT_BLOCK;
	case DT_LNK:
		return WASI_FT_SYMLINK;
	case DT_SOCK:
		return WASI_FT_SOCK_STREAM;
	default:
		return WASI_FT_UNKNOWN;
	}
}

/* Append as much of one entry as fits; the bytes written. */
static uint32_t put_dirent(uint8_t *buf, uint32_t room, const struct dirent *d, uint64_t next)
{
	uint8_t hdr[DIRENT_SIZE];
	uint32_t namlen = (uint32_t)strlen(d->d_name), n;
	uint64_t ino = d->d_ino;

	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, &next, 8);
	memcpy(hdr + 8, &ino, 8);
	memcpy(hdr + 16, &namlen, 4);
	hdr[20] = dtype_to_wasi(d->d_type);
	n = room < DIRENT_SIZE ? room : DIRENT_SIZE;
	memcpy(buf, hdr, n);
	if (room - n > 0)
		memcpy(buf + n, d->d_name, namlen < room - n ? namlen : room - n);
	return n + (namlen < room - n ? namlen : room - n);
}

enum wasmi_status wasi_fd_readdir(struct wasmi_instance *in, void *user, const union wasmi_value *a,
				  union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	uint8_t *buf = wasmi_instance__mem(in, a[1].i32, a[2].i32);
	uint32_t used = 0, len = a[2].i32;
	uint64_t idx = 0, cookie = a[3].i64;
	struct dirent *d;
	DIR *dir;
	int fd;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (s->type != WASI_FT_DIR)
		return wasi_ret(r, WASI_ENOTDIR);
	if (!buf || !wasmi_instance__mem(in, a[4].i32, 4))
		return wasi_ret(r, WASI_EFAULT);
	/* A fresh stream (the slot may be an O_PATH preopen, which cannot be read). */
	fd = openat(s->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return wasi_ret(r, wasmi_wasi_errno(errno));
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return wasi_ret(r, wasmi_wasi_errno(errno));
	}
	while (used < len && (d = readdir(dir))) {
		if (idx++ < cookie)
			continue;
		used += put_dirent(buf + used, len - used, d, idx);
	}
	closedir(dir);
	wasi_put_u32(in, a[4].i32, used);
	return wasi_ret(r, WASI_ESUCCESS);
}
