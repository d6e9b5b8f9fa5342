/* SPDX-License-Identifier: MIT */
/*
 * WASI preview 1 host functions (module wasi_snapshot_preview1): args,
 * environ, clocks, random, fd I/O and the sandboxed paths. Every guest
 * pointer and length is checked with wasmi_instance__mem() before use
 * (EFAULT otherwise); guest fds are indices into the app's own table.
 * poll_oneoff lives in wasmi_wasi_poll.c, fd_readdir in wasmi_wasi_dir.c,
 * the calls that change directories in wasmi_wasi_path.c;
 * the table of every preview1 function (ENOSYS for the ones not provided)
 * is at the end of this file.
 *
 * Values are stored little-endian, which is the host's order on every
 * target this runs on (x86_64, aarch64), so memcpy writes Wasm values.
 */
#define _GNU_SOURCE
#include "wasmi_app.h"
#include "wasmi_wasi_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define WASI_IOV_MAX 1024u

enum wasmi_status wasi_ret(union wasmi_value *res, uint32_t e)
{
	res[0].i32 = e;
	return WASMI_OK;
}

bool wasi_put_u32(struct wasmi_instance *in, uint32_t off, uint32_t v)
{
	void *p = wasmi_instance__mem(in, off, 4);

	if (p)
		memcpy(p, &v, 4);
	return p != NULL;
}

bool wasi_put_u64(struct wasmi_instance *in, uint32_t off, uint64_t v)
{
	void *p = wasmi_instance__mem(in, off, 8);

	if (p)
		memcpy(p, &v, 8);
	return p != NULL;
}

/* ---- args and environ ---------------------------------------------------- */

static uint32_t strv_sizes(struct wasmi_instance *in, char **v, size_t n, uint32_t cnt_ptr,
			   uint32_t size_ptr)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	if (total > UINT32_MAX)
		return WASI_EOVERFLOW;
	if (!wasmi_instance__mem(in, cnt_ptr, 4) || !wasmi_instance__mem(in, size_ptr, 4))
		return WASI_EFAULT;
	wasi_put_u32(in, cnt_ptr, (uint32_t)n);
	wasi_put_u32(in, size_ptr, (uint32_t)total);
	return WASI_ESUCCESS;
}

static uint32_t strv_get(struct wasmi_instance *in, char **v, size_t n, uint32_t vec_ptr,
			 uint32_t buf_ptr)
{
	uint64_t total = 0;
	uint32_t off = 0;
	char *buf;
	size_t i;

	for (i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	if ((uint64_t)n * 4 > UINT32_MAX || total > UINT32_MAX ||
	    !wasmi_instance__mem(in, vec_ptr, (uint32_t)n * 4))
		return WASI_EFAULT;
	buf = wasmi_instance__mem(in, buf_ptr, (uint32_t)total);
	if (!buf)
		return WASI_EFAULT;
	for (i = 0; i < n; i++) {
		size_t len = strlen(v[i]) + 1;

		memcpy(buf + off, v[i], len);
		wasi_put_u32(in, vec_ptr + (uint32_t)i * 4, buf_ptr + off);
		off += (uint32_t)len;
	}
	return WASI_ESUCCESS;
}

static enum wasmi_status wasi_args_sizes_get(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;

	return wasi_ret(r, strv_sizes(in, w->args, w->nargs, a[0].i32, a[1].i32));
}

static enum wasmi_status wasi_args_get(struct wasmi_instance *in, void *user,
				       const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;

	return wasi_ret(r, strv_get(in, w->args, w->nargs, a[0].i32, a[1].i32));
}

static enum wasmi_status wasi_environ_sizes_get(struct wasmi_instance *in, void *user,
						const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;

	return wasi_ret(r, strv_sizes(in, w->env, w->nenv, a[0].i32, a[1].i32));
}

static enum wasmi_status wasi_environ_get(struct wasmi_instance *in, void *user,
					  const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;

	return wasi_ret(r, strv_get(in, w->env, w->nenv, a[0].i32, a[1].i32));
}

/* ---- clocks, random, process --------------------------------------------- */

int wasi_clock_id(uint32_t id, clockid_t *out)
{
	static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
					CLOCK_THREAD_CPUTIME_ID};

	if (id >= sizeof(ids) / sizeof(ids[0]))
		return WASI_EINVAL;
	*out = ids[id];
	return WASI_ESUCCESS;
}

static enum wasmi_status wasi_clock_time_get(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	struct timespec ts;
	clockid_t id;

	if (wasi_clock_id(a[0].i32, &id))
		return wasi_ret(r, WASI_EINVAL);
	if (clock_gettime(id, &ts))
		return wasi_ret(r, wasmi_wasi_errno(errno));
	if (!wasi_put_u64(in, a[2].i32, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec))
		return wasi_ret(r, WASI_EFAULT);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_clock_res_get(struct wasmi_instance *in, void *user,
					    const union wasmi_value *a, union wasmi_value *r)
{
	struct timespec ts;
	clockid_t id;

	if (wasi_clock_id(a[0].i32, &id))
		return wasi_ret(r, WASI_EINVAL);
	if (clock_getres(id, &ts))
		return wasi_ret(r, wasmi_wasi_errno(errno));
	if (!wasi_put_u64(in, a[1].i32, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec))
		return wasi_ret(r, WASI_EFAULT);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_random_get(struct wasmi_instance *in, void *user,
					 const union wasmi_value *a, union wasmi_value *r)
{
	uint8_t *buf = wasmi_instance__mem(in, a[0].i32, a[1].i32);
	uint32_t done = 0;
	ssize_t n;

	if (!buf)
		return wasi_ret(r, WASI_EFAULT);
	while (done < a[1].i32) {
		n = getrandom(buf + done, a[1].i32 - done, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return wasi_ret(r, wasmi_wasi_errno(errno));
		done += (uint32_t)n;
	}
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_proc_exit(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r)
{
	return wasmi_instance__exit(in, (int)a[0].i32);
}

static enum wasmi_status wasi_sched_yield(struct wasmi_instance *in, void *user,
					  const union wasmi_value *a, union wasmi_value *r)
{
	sched_yield();
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_enosys(struct wasmi_instance *in, void *user,
				     const union wasmi_value *a, union wasmi_value *r)
{
	return wasi_ret(r, WASI_ENOSYS);
}

/* ---- fd I/O -------------------------------------------------------------- */

/* Translate a guest iovec array into host iovecs. A WASI errno. */
static uint32_t guest_iovs(struct wasmi_instance *in, uint32_t iovs, uint32_t cnt,
			   struct iovec *out)
{
	const uint8_t *raw;
	uint32_t i, base, len;

	if (cnt > WASI_IOV_MAX)
		return WASI_EINVAL;
	raw = wasmi_instance__mem(in, iovs, cnt * 8);
	if (!raw && cnt)
		return WASI_EFAULT;
	for (i = 0; i < cnt; i++) {
		memcpy(&base, raw + i * 8, 4);
		memcpy(&len, raw + i * 8 + 4, 4);
		out[i].iov_len = len;
		out[i].iov_base = len ? wasmi_instance__mem(in, base, len) : NULL;
		if (len && !out[i].iov_base)
			return WASI_EFAULT;
	}
	return WASI_ESUCCESS;
}

/* Wait (interruptibly) until a blocking fd can be read. A WASI errno. */
static uint32_t wait_readable(struct wasmi_app *app, struct wasmi_wasi_fd *s)
{
	struct pollfd p = {.fd = s->host, .events = POLLIN};
	int ret;

	if (s->type == WASI_FT_REG || s->type == WASI_FT_DIR)
		return WASI_ESUCCESS;
	/* Own fds carry O_NONBLOCK themselves; stdio's flag is only tracked
	 * (the terminal is shared), so non-blocking reads are emulated. */
	if ((s->flags & WASI_FDFLAG_NONBLOCK) && s->own)
		return WASI_ESUCCESS;
	ret = wasmi_wait(app->signal, &p, 1, (s->flags & WASI_FDFLAG_NONBLOCK) ? 0 : -1);
	if (ret == 0)
		return WASI_EAGAIN;
	return ret < 0 ? wasmi_wasi_errno(-ret) : WASI_ESUCCESS;
}

static enum wasmi_status fd_rw(struct wasmi_instance *in, struct wasmi_app *app,
			       const union wasmi_value *a, union wasmi_value *r, bool write,
			       bool positioned)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&app->wasi, a[0].i32);
	struct iovec iov[WASI_IOV_MAX];
	uint32_t e, out_ptr = positioned ? a[4].i32 : a[3].i32;
	ssize_t n;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (write ? !s->writable : !s->readable)
		return wasi_ret(r, WASI_EBADF);
	if (s->type == WASI_FT_DIR)
		return wasi_ret(r, WASI_EISDIR);
	e = guest_iovs(in, a[1].i32, a[2].i32, iov);
	if (!e && !wasmi_instance__mem(in, out_ptr, 4))
		e = WASI_EFAULT;
	if (!e && !write)
		e = wait_readable(app, s);
	if (e)
		return wasi_ret(r, e);
	if (positioned && (int64_t)a[3].i64 < 0)
		return wasi_ret(r, WASI_EINVAL);
	if (positioned)
		n = write ? pwritev(s->host, iov, (int)a[2].i32, (off_t)a[3].i64)
			  : preadv(s->host, iov, (int)a[2].i32, (off_t)a[3].i64);
	else
		n = write ? writev(s->host, iov, (int)a[2].i32)
			  : readv(s->host, iov, (int)a[2].i32);
	if (n < 0)
		return wasi_ret(r, wasmi_wasi_errno(errno));
	wasi_put_u32(in, out_ptr, (uint32_t)n);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_fd_write(struct wasmi_instance *in, void *user,
				       const union wasmi_value *a, union wasmi_value *r)
{
	return fd_rw(in, user, a, r, true, false);
}

static enum wasmi_status wasi_fd_read(struct wasmi_instance *in, void *user,
				      const union wasmi_value *a, union wasmi_value *r)
{
	return fd_rw(in, user, a, r, false, false);
}

static enum wasmi_status wasi_fd_pwrite(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r)
{
	return fd_rw(in, user, a, r, true, true);
}

static enum wasmi_status wasi_fd_pread(struct wasmi_instance *in, void *user,
				       const union wasmi_value *a, union wasmi_value *r)
{
	return fd_rw(in, user, a, r, false, true);
}

static enum wasmi_status wasi_fd_close(struct wasmi_instance *in, void *user,
				       const union wasmi_value *a, union wasmi_value *r)
{
	return wasi_ret(r, wasmi_wasi__fd_close(&((struct wasmi_app *)user)->wasi, a[0].i32));
}

static enum wasmi_status seek(struct wasmi_instance *in, void *user, uint32_t fd, int64_t off,
			      uint32_t whence, uint32_t out, union wasmi_value *r)
{
	static const int whences[] = {SEEK_SET, SEEK_CUR, SEEK_END};
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, fd);
	off_t pos;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (whence > 2)
		return wasi_ret(r, WASI_EINVAL);
	if (s->type == WASI_FT_DIR)
		return wasi_ret(r, WASI_EBADF);
	if (!wasmi_instance__mem(in, out, 8))
		return wasi_ret(r, WASI_EFAULT);
	pos = lseek(s->host, (off_t)off, whences[whence]);
	if (pos < 0)
		return wasi_ret(r, wasmi_wasi_errno(errno));
	wasi_put_u64(in, out, (uint64_t)pos);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_fd_seek(struct wasmi_instance *in, void *user,
				      const union wasmi_value *a, union wasmi_value *r)
{
	return seek(in, user, a[0].i32, (int64_t)a[1].i64, a[2].i32 & 0xff, a[3].i32, r);
}

static enum wasmi_status wasi_fd_tell(struct wasmi_instance *in, void *user,
				      const union wasmi_value *a, union wasmi_value *r)
{
	return seek(in, user, a[0].i32, 0, 1, a[1].i32, r);
}

static enum wasmi_status wasi_fd_fdstat_get(struct wasmi_instance *in, void *user,
					    const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	uint8_t *p = wasmi_instance__mem(in, a[1].i32, 24);
	uint64_t base = WASI_RIGHTS_ALL, inh = WASI_RIGHTS_ALL;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (!p)
		return wasi_ret(r, WASI_EFAULT);
	if (!s->readable)
		base &= ~WASI_RIGHT_FD_READ;
	if (!s->writable)
		base &= ~WASI_RIGHT_FD_WRITE;
	/* wasi-libc's isatty() is "character device without seek/tell": a
	 * terminal then gets line-buffered stdout, as on the host. */
	if (s->type == WASI_FT_CHAR)
		base &= ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
	memset(p, 0, 24);
	p[0] = s->type;
	memcpy(p + 2, &s->flags, 2);
	memcpy(p + 8, &base, 8);
	memcpy(p + 16, &inh, 8);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_fd_fdstat_set_flags(struct wasmi_instance *in, void *user,
						  const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	uint16_t want = (uint16_t)a[1].i32;
	int fl;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (want & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK))
		return wasi_ret(r, WASI_ENOTSUP);
	/* The host's stdio is shared with the terminal: only track the flags. */
	if (s->own) {
		fl = fcntl(s->host, F_GETFL);
		fl &= ~(O_APPEND | O_NONBLOCK);
		fl |= (want & WASI_FDFLAG_APPEND ? O_APPEND : 0) |
		      (want & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0);
		if (fl < 0 || fcntl(s->host, F_SETFL, fl) < 0)
			return wasi_ret(r, wasmi_wasi_errno(errno));
	}
	s->flags = want;
	return wasi_ret(r, WASI_ESUCCESS);
}

static void put_filestat(uint8_t *p, const struct stat *st)
{
	uint64_t v[8] = {
	    st->st_dev,
	    st->st_ino,
	    wasmi_wasi_filetype(st->st_mode),
	    st->st_nlink,
	    (uint64_t)st->st_size,
	    (uint64_t)st->st_atim.tv_sec * 1000000000u + (uint64_t)st->st_atim.tv_nsec,
	    (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec,
	    (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec,
	};

	memcpy(p, v, sizeof(v)); /* filetype is a u8 at 16, zero-padded like a u64 */
}

static enum wasmi_status wasi_fd_filestat_get(struct wasmi_instance *in, void *user,
					      const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	uint8_t *p = wasmi_instance__mem(in, a[1].i32, 64);
	struct stat st;

	if (!s)
		return wasi_ret(r, WASI_EBADF);
	if (!p)
		return wasi_ret(r, WASI_EFAULT);
	if (fstat(s->host, &st))
		return wasi_ret(r, wasmi_wasi_errno(errno));
	put_filestat(p, &st);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_fd_prestat_get(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	uint8_t *p = wasmi_instance__mem(in, a[1].i32, 8);
	uint32_t len;

	if (!s || !s->preopen)
		return wasi_ret(r, WASI_EBADF);
	if (!p)
		return wasi_ret(r, WASI_EFAULT);
	len = (uint32_t)strlen(s->preopen);
	memset(p, 0, 8); /* tag 0: a directory */
	memcpy(p + 4, &len, 4);
	return wasi_ret(r, WASI_ESUCCESS);
}

static enum wasmi_status wasi_fd_prestat_dir_name(struct wasmi_instance *in, void *user,
						  const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(&((struct wasmi_app *)user)->wasi, a[0].i32);
	char *p = wasmi_instance__mem(in, a[1].i32, a[2].i32);
	size_t len;

	if (!s || !s->preopen)
		return wasi_ret(r, WASI_EBADF);
	if (!p)
		return wasi_ret(r, WASI_EFAULT);
	len = strlen(s->preopen);
	if (a[2].i32 < len)
		return wasi_ret(r, WASI_ENAMETOOLONG);
	memcpy(p, s->preopen, len);
	return wasi_ret(r, WASI_ESUCCESS);
}

/* ---- paths --------------------------------------------------------------- */

static enum wasmi_status wasi_path_open(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	const char *path = wasmi_instance__mem(in, a[2].i32, a[3].i32);
	uint64_t rights = a[5].i64;
	uint32_t gfd, e;
	bool rd, wr;

	if (!path || !wasmi_instance__mem(in, a[8].i32, 4))
		return wasi_ret(r, WASI_EFAULT);
	if (a[3].i32 == 0) /* as open("") */
		return wasi_ret(r, WASI_ENOENT);
	wr = rights & (WASI_RIGHT_FD_WRITE | (1ull << 22) /* FD_FILESTAT_SET_SIZE */);
	rd = (rights & WASI_RIGHT_FD_READ) || !wr;
	e = wasmi_wasi__path_open(w, a[0].i32, path, a[3].i32,
				  a[1].i32 & WASI_LOOKUP_SYMLINK_FOLLOW, (uint16_t)a[4].i32,
				  (uint16_t)a[7].i32, rd, wr, &gfd);
	if (!e)
		wasi_put_u32(in, a[8].i32, gfd);
	return wasi_ret(r, e);
}

static enum wasmi_status wasi_path_filestat_get(struct wasmi_instance *in, void *user,
						const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_wasi *w = &((struct wasmi_app *)user)->wasi;
	const char *path = wasmi_instance__mem(in, a[2].i32, a[3].i32);
	uint8_t *p = wasmi_instance__mem(in, a[4].i32, 64);
	struct stat st;
	uint32_t e;
	int fd;

	if (!path || !p)
		return wasi_ret(r, WASI_EFAULT);
	if (a[3].i32 == 0) /* as stat("") */
		return wasi_ret(r, WASI_ENOENT);
	e = wasmi_wasi__resolve(w, a[0].i32, path, a[3].i32, a[1].i32 & WASI_LOOKUP_SYMLINK_FOLLOW,
				O_PATH, 0, &fd);
	if (e)
		return wasi_ret(r, e);
	if (fstat(fd, &st))
		e = wasmi_wasi_errno(errno);
	else
		put_filestat(p, &st);
	close(fd);
	return wasi_ret(r, e);
}

/* ---- the table ----------------------------------------------------------- */

#define WASI(name, sig, fn)                                                                        \
	{                                                                                          \
		"wasi_snapshot_preview1", name, sig, fn, NULL                                      \
	}

const struct wasmi_host_func wasmi_wasi_funcs[] = {
    WASI("args_get", "ii:i", wasi_args_get),
    WASI("args_sizes_get", "ii:i", wasi_args_sizes_get),
    WASI("environ_get", "ii:i", wasi_environ_get),
    WASI("environ_sizes_get", "ii:i", wasi_environ_sizes_get),
    WASI("clock_res_get", "ii:i", wasi_clock_res_get),
    WASI("clock_time_get", "iIi:i", wasi_clock_time_get),
    WASI("fd_advise", "iIIi:i", wasi_fd_advise),
    WASI("fd_allocate", "iII:i", wasi_fd_allocate),
    WASI("fd_close", "i:i", wasi_fd_close),
    WASI("fd_datasync", "i:i", wasi_fd_datasync),
    WASI("fd_fdstat_get", "ii:i", wasi_fd_fdstat_get),
    WASI("fd_fdstat_set_flags", "ii:i", wasi_fd_fdstat_set_flags),
    WASI("fd_fdstat_set_rights", "iII:i", wasi_enosys),
    WASI("fd_filestat_get", "ii:i", wasi_fd_filestat_get),
    WASI("fd_filestat_set_size", "iI:i", wasi_fd_filestat_set_size),
    WASI("fd_filestat_set_times", "iIIi:i", wasi_fd_filestat_set_times),
    WASI("fd_pread", "iiiIi:i", wasi_fd_pread),
    WASI("fd_prestat_get", "ii:i", wasi_fd_prestat_get),
    WASI("fd_prestat_dir_name", "iii:i", wasi_fd_prestat_dir_name),
    WASI("fd_pwrite", "iiiIi:i", wasi_fd_pwrite),
    WASI("fd_read", "iiii:i", wasi_fd_read),
    WASI("fd_readdir", "iiiIi:i", wasi_fd_readdir),
    WASI("fd_renumber", "ii:i", wasi_fd_renumber),
    WASI("fd_seek", "iIii:i", wasi_fd_seek),
    WASI("fd_sync", "i:i", wasi_fd_sync),
    WASI("fd_tell", "ii:i", wasi_fd_tell),
    WASI("fd_write", "iiii:i", wasi_fd_write),
    WASI("path_create_directory", "iii:i", wasi_path_create_directory),
    WASI("path_filestat_get", "iiiii:i", wasi_path_filestat_get),
    WASI("path_filestat_set_times", "iiiiIIi:i", wasi_path_filestat_set_times),
    WASI("path_link", "iiiiiii:i", wasi_enosys),
    WASI("path_open", "iiiiiIIii:i", wasi_path_open),
    WASI("path_readlink", "iiiiii:i", wasi_path_readlink),
    WASI("path_remove_directory", "iii:i", wasi_path_remove_directory),
    WASI("path_rename", "iiiiii:i", wasi_path_rename),
    WASI("path_symlink", "iiiii:i", wasi_enosys),
    WASI("path_unlink_file", "iii:i", wasi_path_unlink_file),
    WASI("poll_oneoff", "iiii:i", wasi_poll_oneoff),
    WASI("proc_exit", "i:", wasi_proc_exit),
    WASI("proc_raise", "i:i", wasi_enosys),
    WASI("sched_yield", ":i", wasi_sched_yield),
    WASI("random_get", "ii:i", wasi_random_get),
    WASI("sock_accept", "iii:i", wasi_enosys),
    WASI("sock_recv", "iiiiii:i", wasi_enosys),
    WASI("sock_send", "iiiii:i", wasi_enosys),
    WASI("sock_shutdown", "ii:i", wasi_enosys),
};

const size_t wasmi_wasi_nfuncs = sizeof(wasmi_wasi_funcs) / sizeof(wasmi_wasi_funcs[0]);
