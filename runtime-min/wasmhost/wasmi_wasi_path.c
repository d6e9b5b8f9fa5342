/* SPDX-License-Identifier: MIT */
/*
 * WASI calls that change a granted directory: path_create_directory,
 * path_unlink_file, path_remove_directory, path_rename; and fd_sync,
 * fd_datasync, fd_filestat_set_size.
 *
 * The parent of the path is resolved beneath the grant like any open
 * (RESOLVE_BENEATH); the last component is then a single name acted on
 * inside that parent, so "..", absolute paths and symlinks cannot reach
 * outside. Unlinking a symlink removes the link, never its target.
 */
#define _GNU_SOURCE
#include "wasmi_app.h"
#include "wasmi_wasi_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Open the parent directory of path (len bytes) beneath guest dir fd and
 * copy the last component into base. A WASI errno.
 */
static uint32_t resolve_parent(struct wasmi_wasi *w, uint32_t dirfd, const char *path, uint32_t len,
			       int *parent, char base[NAME_MAX + 1])
{
	uint32_t end = len, start;

	if (len > 0 && path[0] == '/')
		return WASI_ENOTCAPABLE;
	while (end > 0 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start > NAME_MAX)
		return WASI_ENAMETOOLONG;
	memcpy(base, path + start, end - start);
	base[end - start] = '\0';
	if (memchr(path, '\0', len))
		return WASI_EINVAL;
	if (strcmp(base, "..") == 0)
		return WASI_ENOTCAPABLE;
	if (base[0] == '\0') /* as mkdir("") */
		return WASI_ENOENT;
	if (strcmp(base, ".") == 0)
		return WASI_EINVAL;
	return wasmi_wasi__resolve(w, dirfd, path, start, true, O_PATH | O_DIRECTORY, 0, parent);
}

enum path_op { OP_MKDIR, OP_UNLINK, OP_RMDIR };

static enum wasmi_status path_op(struct wasmi_instance *in, struct wasmi_app *app,
				 const union wasmi_value *a, union wasmi_value *r, enum path_op op)
{
	const char *path = wasmi_instance__mem(in, a[1].i32, a[2].i32);
	char base[NAME_MAX + 1];
	uint32_t e;
	int parent, ret;

	if (!path)
		return wasi_ret(r, WASI_EFAULT);
	e = resolve_parent(&app->wasi, a[0].i32, path, a[2].i32, &parent, base);
	if (e)
		return wasi_ret(r, e);
	if (op == OP_MKDIR)
		ret = mkdirat(parent, base, 0777);
	else
		ret = unlinkat(parent, base, op == OP_RMDIR ? AT_REMOVEDIR : 0);
	e = ret ? wasmi_wasi_errno(errno) : WASI_ESUCCESS;
	close(parent);
	return wasi_ret(r, e);
}

enum wasmi_status wasi_path_create_directory(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	return path_op(in, user, a, r, OP_MKDIR);
}

enum wasmi_status wasi_path_unlink_file(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r)
{
	return path_op(in, user, a, r, OP_UNLINK);
}

enum wasmi_status wasi_path_remove_directory(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	return path_op(in, user, a, r, OP_RMDIR);
}

enum wasmi_status wasi_path_rename(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	const char *from = wasmi_instance__mem(in, a[1].i32, a[2].i32);
	const char *to = wasmi_instance__mem(in, a[4].i32, a[5].i32);
	char base_from[NAME_MAX + 1], base_to[NAME_MAX + 1];
	int pfrom = -1, pto = -1;
	uint32_t e;

	if (!from || !to)
		return wasi_ret(r, WASI_EFAULT);
	e = resolve_parent(w, a[0].i32, from, a[2].i32, &pfrom, base_from);
	if (!e)
		e = resolve_parent(w, a[3].i32, to, a[5].i32, &pto, base_to);
	if (!e && renameat(pfrom, base_from, pto, base_to))
		e = wasmi_wasi_errno(errno);
	if (pfrom >= 0)
		close(pfrom);
	if (pto >= 0)
		close(pto);
	return wasi_ret(r, e);
}

enum wasmi_status wasi_fd_sync(struct wasmi_instance *in, void *user, const union wasmi_value *a,
			       union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	return wasi_ret(r, fsync(s->host) ? wasmi_wasi_errno(errno) : WASI_ESUCCESS);
}

enum wasmi_status wasi_fd_datasync(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	return wasi_ret(r, fdatasync(s->host) ? wasmi_wasi_errno(errno) : WASI_ESUCCESS);
}

enum wasmi_status wasi_fd_filestat_set_size(struct wasmi_instance *in, void *user,
					    const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);

	if (!s || !s->writable)
		return wasi_ret(r, WASI_EBADF);
	if ((int64_t)a[1].i64 < 0)
		return wasi_ret(r, WASI_EINVAL);
	return wasi_ret(r, ftruncate(s->host, (off_t)a[1].i64) ? wasmi_wasi_errno(errno)
							       : WASI_ESUCCESS);
}

/* ---- times, advice, links, renumbering ----------------------------------- */

enum {
	FST_ATIM = 1,
	FST_ATIM_NOW = 2,
	FST_MTIM = 4,
	FST_MTIM_NOW = 8,
};

/* WASI fstflags + times -> utimensat's pair. A WASI errno. */
static uint32_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t flags, struct timespec ts[2])
{
	if (((flags & FST_ATIM) && (flags & FST_ATIM_NOW)) ||
	    ((flags & FST_MTIM) && (flags & FST_MTIM_NOW)) || (flags & ~15u))
		return WASI_EINVAL;
	ts[0].tv_sec = (time_t)(atim / 1000000000u);
	ts[0].tv_nsec = (long)(atim % 1000000000u);
	ts[1].tv_sec = (time_t)(mtim / 1000000000u);
	ts[1].tv_nsec = (long)(mtim % 1000000000u);
	if (!(flags & (FST_ATIM | FST_ATIM_NOW)))
		ts[0].tv_nsec = UTIME_OMIT;
	else if (flags & FST_ATIM_NOW)
		ts[0].tv_nsec = UTIME_NOW;
	if (!(flags & (FST_MTIM | FST_MTIM_NOW)))
		ts[1].tv_nsec = UTIME_OMIT;
	else if (flags & FST_MTIM_NOW)
		ts[1].tv_nsec = UTIME_NOW;
	return WASI_ESUCCESS;
}

enum wasmi_status wasi_fd_filestat_set_times(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	struct timespec ts[2];
	uint32_t e;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	e = wasi_times(a[1].i64, a[2].i64, a[3].i32, ts);
	if (!e && futimens(s->host, ts))
		e = wasmi_wasi_errno(errno);
	return wasi_ret(r, e);
}

/*
 * Following a symlink, the path is opened beneath the grant and its times
 * set through that fd (utimensat on a name would follow a link out);
 * without following, the link itself is touched inside its parent.
 */
enum wasmi_status wasi_path_filestat_set_times(struct wasmi_instance *in, void *user,
					       const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	const char *path = wasmi_instance__mem(in, a[2].i32, a[3].i32);
	char base[NAME_MAX + 1];
	struct timespec ts[2];
	uint32_t e;
	int fd = -1;

	if (!path)
		return wasi_ret(r, WASI_EFAULT);
	e = wasi_times(a[4].i64, a[5].i64, a[6].i32, ts);
	if (e)
		return wasi_ret(r, e);
	if (a[1].i32 & WASI_LOOKUP_SYMLINK_FOLLOW) {
		e = wasmi_wasi__resolve(w, a[0].i32, path, a[3].i32, true, O_RDONLY, 0, &fd);
		if (!e && futimens(fd, ts))
			e = wasmi_wasi_errno(errno);
	} else {
		e = resolve_parent(w, a[0].i32, path, a[3].i32, &fd, base);
		if (!e && utimensat(fd, base, ts, AT_SYMLINK_NOFOLLOW))
			e = wasmi_wasi_errno(errno);
	}
	if (fd >= 0)
		close(fd);
	return wasi_ret(r, e);
}

enum wasmi_status wasi_path_readlink(struct wasmi_instance *in, void *user,
				     const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	const char *path = wasmi_instance__mem(in, a[1].i32, a[2].i32);
	char *buf = wasmi_instance__mem(in, a[3].i32, a[4].i32);
	char base[NAME_MAX + 1];
	uint32_t e;
	ssize_t n;
	int parent;

	if (!path || !buf || !wasmi_instance__mem(in, a[5].i32, 4))
		return wasi_ret(r, WASI_EFAULT);
	e = resolve_parent(w, a[0].i32, path, a[2].i32, &parent, base);
	if (e)
		return wasi_ret(r, e);
	n = readlinkat(parent, base, buf, a[4].i32);
	close(parent);
	if (n < 0)
		return wasi_ret(r, wasmi_wasi_errno(errno));
	wasi_put_u32(in, a[5].i32, (uint32_t)n);
	return wasi_ret(r, WASI_ESUCCESS);
}

enum wasmi_status wasi_fd_advise(struct wasmi_instance *in, void *user, const union wasmi_value *a,
				 union wasmi_value *r)
{
	static const int advice[] = {POSIX_FADV_NORMAL,	  POSIX_FADV_SEQUENTIAL,
				     POSIX_FADV_RANDOM,	  POSIX_FADV_WILLNEED,
				     POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	int err;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if ((a[3].i32 & 0xff) >= sizeof(advice) / sizeof(advice[0]) || (int64_t)a[1].i64 < 0 ||
	    (int64_t)a[2].i64 < 0)
		return wasi_ret(r, WASI_EINVAL);
	err = posix_fadvise(s->host, (off_t)a[1].i64, (off_t)a[2].i64, advice[a[3].i32 & 0xff]);
	return wasi_ret(r, err ? wasmi_wasi_errno(err) : WASI_ESUCCESS);
}

enum wasmi_status wasi_fd_allocate(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	int err;

	if (!s || !s->writable)
		return wasi_ret(r, WASI_EBADF);
	if ((int64_t)a[1].i64 < 0 || (int64_t)a[2].i64 <= 0)
		return wasi_ret(r, WASI_EINVAL);
	err = posix_fallocate(s->host, (off_t)a[1].i64, (off_t)a[2].i64);
	return wasi_ret(r, err ? wasmi_wasi_errno(err) : WASI_ESUCCESS);
}

/* Move fd `from` onto `to` (which is closed first); both must be open. */
enum wasmi_status wasi_fd_renumber(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	struct wasmi_wasi_fd *from = wasmi_wasi__fd(w, a[0].i32);
	struct wasmi_wasi_fd *to = wasmi_wasi__fd(w, a[1].i32);
	struct wasmi_wasi_fd moved;

	if (!from || !to)
		return wasi_ret(r, WASI_EBADF);
	if (from == to)
		return wasi_ret(r, WASI_ESUCCESS);
	moved = *from;
	/* the slot is handed over, not closed: forget it without closing */
	memset(from, 0, sizeof(*from));
	from->host = -1;
	wasmi_wasi__fd_close(w, a[1].i32);
	w->fds[a[1].i32] = moved;
	return wasi_ret(r, WASI_ESUCCESS);
}
