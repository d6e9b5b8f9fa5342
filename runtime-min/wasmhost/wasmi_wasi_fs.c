/* SPDX-License-Identifier: MIT */
/*
 * The WASI sandbox state: the guest's fd table, preopened directories and
 * path resolution beneath them. Plain functions (no engine needed), so the
 * sandbox rules are unit-tested on their own.
 */
#define _GNU_SOURCE
#include "wasmi_app.h"

#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Guest fds above this are refused (EMFILE): the table stays small. */
#define WASMI_WASI_MAX_FDS 4096u

struct errno_map {
	int host;
	uint16_t wasi;
};

static const struct errno_map errno_table[] = {
    {E2BIG, WASI_E2BIG},
    {EACCES, WASI_EACCES},
    {EAGAIN, WASI_EAGAIN},
    {EBADF, WASI_EBADF},
    {EEXIST, WASI_EEXIST},
    {EFAULT, WASI_EFAULT},
    {EINTR, WASI_EINTR},
    {EINVAL, WASI_EINVAL},
    {EIO, WASI_EIO},
    {EISDIR, WASI_EISDIR},
    {ELOOP, WASI_ELOOP},
    {EMFILE, WASI_EMFILE},
    {ENAMETOOLONG, WASI_ENAMETOOLONG},
    {ENOENT, WASI_ENOENT},
    {ENOMEM, WASI_ENOMEM},
    {ENOSPC, WASI_ENOSPC},
    {ENOSYS, WASI_ENOSYS},
    {ENOTDIR, WASI_ENOTDIR},
    {ENOTEMPTY, WASI_ENOTEMPTY},
    {ENOTSUP, WASI_ENOTSUP},
    {ENOTTY, WASI_ENOTTY},
    {EOVERFLOW, WASI_EOVERFLOW},
    {EPERM, WASI_EPERM},
    {EPIPE, WASI_EPIPE},
    {EROFS, WASI_EROFS},
    {ESPIPE, WASI_ESPIPE},
    {EXDEV, WASI_EXDEV},
    {EFBIG, 22 /* FBIG */},
    {ETXTBSY, 74 /* TXTBSY */},
};

uint16_t wasmi_wasi_errno(int host_errno)
{
	size_t i;

	for (i = 0; i < sizeof(errno_table) / sizeof(errno_table[0]); i++)
		if (errno_table[i].host == host_errno)
			return errno_table[i].wasi;
	return WASI_EIO;
}

uint8_t wasmi_wasi_filetype(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return WASI_FT_REG;
	case S_IFDIR:
		return WASI_FT_DIR;
	case S_IFCHR:
		return WASI_FT_CHAR;
	case S_IFBLK:
		return WASI_FT_BLOCK;
	case S_IFLNK:
		return WASI_FT_SYMLINK;
	case S_IFSOCK:
		return WASI_FT_SOCK_STREAM;
	default:
		return WASI_FT_UNKNOWN;
	}
}

static void fd_slot_clear(struct wasmi_wasi_fd *s)
{
	free(s->preopen);
	free(s->host_path);
	memset(s, 0, sizeof(*s));
	s->host = -1;
}

static int stdio_slot(struct wasmi_wasi_fd *s, int fd)
{
	struct stat st;

	fd_slot_clear(s);
	s->host = fd;
	s->own = false;
	s->readable = fd == 0;
	s->writable = fd != 0;
	s->type = fstat(fd, &st) == 0 ? wasmi_wasi_filetype(st.st_mode) : WASI_FT_CHAR;
	return 0;
}

int wasmi_wasi__init(struct wasmi_wasi *w, size_t argc, char *const *argv, volatile int *signal)
{
	size_t i;
	int err;

	memset(w, 0, sizeof(*w));
	w->signal = signal;
	err = cmn_array_grow((void **)&w->fds, &w->cap, 3, sizeof(*w->fds));
	if (err)
		return err;
	for (i = 0; i < 3; i++) {
		memset(&w->fds[i], 0, sizeof(w->fds[i]));
		stdio_slot(&w->fds[i], (int)i);
	}
	w->cnt = 3;
	w->args = calloc(argc ? argc : 1, sizeof(*w->args));
	if (!w->args)
		goto err_nomem;
	for (i = 0; i < argc; i++) {
		w->args[i] = cmn_strdup(argv[i]);
		if (!w->args[i])
			goto err_nomem;
		w->nargs++;
	}
	return 0;

err_nomem:
	wasmi_wasi__fini(w);
	return -ENOMEM;
}

void wasmi_wasi__fini(struct wasmi_wasi *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->cnt; i++) {
		if (w->fds[i].host >= 0 && w->fds[i].own)
			close(w->fds[i].host);
		fd_slot_clear(&w->fds[i]);
	}
	free(w->fds);
	for (i = 0; i < w->nargs; i++)
		free(w->args[i]);
	free(w->args);
	for (i = 0; i < w->nenv; i++)
		free(w->env[i]);
	free(w->env);
	memset(w, 0, sizeof(*w));
}

int wasmi_wasi__add_env(struct wasmi_wasi *w, const char *kv)
{
	size_t cap = w->nenv;
	char *copy;
	int err;

	if (!strchr(kv, '='))
		return -EINVAL;
	err = cmn_array_grow((void **)&w->env, &cap, w->nenv + 1, sizeof(*w->env));
	if (err)
		return err;
	copy = cmn_strdup(kv);
	if (!copy)
		return -ENOMEM;
	w->env[w->nenv++] = copy;
	return 0;
}

struct wasmi_wasi_fd *wasmi_wasi__fd(struct wasmi_wasi *w, uint32_t fd)
{
	if (fd >= w->cnt || w->fds[fd].host < 0)
		return NULL;
	return &w->fds[fd];
}

int wasmi_wasi__fd_add(struct wasmi_wasi *w, const struct wasmi_wasi_fd *slot)
{
	size_t i;
	int err;

	for (i = 3; i < w->cnt; i++)
		if (w->fds[i].host < 0)
			break;
	if (i >= WASMI_WASI_MAX_FDS)
		return -EMFILE;
	if (i == w->cnt) {
		err = cmn_array_grow((void **)&w->fds, &w->cap, w->cnt + 1, sizeof(*w->fds));
		if (err)
			return err;
		w->cnt++;
	}
	w->fds[i] = *slot;
	return (int)i;
}

int wasmi_wasi__fd_close(struct wasmi_wasi *w, uint32_t fd)
{
	struct wasmi_wasi_fd *s = wasmi_wasi__fd(w, fd);

	if (!s)
		return WASI_EBADF;
	if (s->own)
		close(s->host);
	fd_slot_clear(s);
	return WASI_ESUCCESS;
}

int wasmi_wasi__preopen(struct wasmi_wasi *w, const char *host, const char *guest)
{
	struct wasmi_wasi_fd slot;
	char *real = NULL;
	int fd, err, gfd;

	fd = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("--dir %s: %s\n", host, strerror(-err));
		return err;
	}
	real = cmn_realpath(host);
	memset(&slot, 0, sizeof(slot));
	slot.host = fd;
	slot.own = true;
	slot.type = WASI_FT_DIR;
	slot.readable = true;
	slot.preopen = cmn_strdup(guest && *guest ? guest : host);
	slot.host_path = real;
	if (!slot.preopen || !real) {
		err = -ENOMEM;
		goto err_slot;
	}
	gfd = wasmi_wasi__fd_add(w, &slot);
	if (gfd < 0) {
		err = gfd;
		goto err_slot;
	}
	return 0;

err_slot:
	pr_warn("--dir %s: %s\n", host, strerror(-err));
	free(slot.preopen);
	free(real);
	close(fd);
	return err;
}

/* Copy a guest path into a NUL-terminated host string, refusing NULs inside. */
static int guest_path(const char *path, size_t len, char **out)
{
	char *s;

	if (len > WASMI_WASI_PATH_MAX)
		return WASI_ENAMETOOLONG;
	if (memchr(path, '\0', len))
		return WASI_EINVAL;
	s = malloc(len + 1);
	if (!s)
		return WASI_ENOMEM;
	memcpy(s, path, len);
	s[len] = '\0';
	*out = s;
	return WASI_ESUCCESS;
}

int wasmi_wasi__resolve(struct wasmi_wasi *w, uint32_t dirfd, const char *path, size_t len,
			bool follow, int host_flags, int mode, int *host_fd)
{
	struct wasmi_wasi_fd *dir = wasmi_wasi__fd(w, dirfd);
	struct open_how how;
	char *p = NULL;
	int err, fd;

	if (!dir)
		return WASI_EBADF;
	if (dir->type != WASI_FT_DIR)
		return WASI_ENOTDIR;
	err = guest_path(path, len, &p);
	if (err)
		return err;
	/* Absolute paths would name the host's root; WASI paths are relative. */
	if (p[0] == '/') {
		err = WASI_ENOTCAPABLE;
		goto out_refused;
	}
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)host_flags | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
	/* O_TMPFILE includes O_DIRECTORY's bit: test it whole. */
	how.mode =
	    ((how.flags & O_CREAT) || (how.flags & O_TMPFILE) == O_TMPFILE) ? (uint64_t)mode : 0;
	/* BENEATH refuses "..", absolute symlinks and symlinks leading out. */
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dir->host, len ? p : ".", &how, sizeof(how));
	if (fd < 0 && errno == EXDEV) {
		err = WASI_ENOTCAPABLE;
		goto out_refused;
	}
	if (fd < 0) {
		err = wasmi_wasi_errno(errno);
		goto out;
	}
	*host_fd = fd;
	err = WASI_ESUCCESS;
	goto out;
out_refused:
	/* shown with ecli run -v: why a guest's file access failed */
	pr_info("sandbox: '%s' leads outside the --dir grants: refused\n", p);
out:
	free(p);
	return err;
}

int wasmi_wasi__path_open(struct wasmi_wasi *w, uint32_t dirfd, const char *path, size_t len,
			  bool follow, uint16_t oflags, uint16_t fdflags, bool read, bool write,
			  uint32_t *guest_fd)
{
	struct wasmi_wasi_fd slot;
	struct stat st;
	int flags, fd, err, gfd;

	if (oflags & WASI_O_DIRECTORY)
		flags = O_RDONLY | O_DIRECTORY;
	else if (read && write)
		flags = O_RDWR;
	else if (write)
		flags = O_WRONLY;
	else
		flags = O_RDONLY;
	flags |= (oflags & WASI_O_CREAT ? O_CREAT : 0) | (oflags & WASI_O_EXCL ? O_EXCL : 0) |
		 (oflags & WASI_O_TRUNC ? O_TRUNC : 0);
	flags |= (fdflags & WASI_FDFLAG_APPEND ? O_APPEND : 0) |
		 (fdflags & WASI_FDFLAG_NONBLOCK ? O_NONBLOCK : 0) |
		 (fdflags & (WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC) ? O_SYNC : 0) |
		 (fdflags & WASI_FDFLAG_DSYNC ? O_DSYNC : 0);
	err = wasmi_wasi__resolve(w, dirfd, path, len, follow, flags, 0666, &fd);
	/* A directory opened without O_DIRECTORY for reading: retry as one. */
	if (err == WASI_EISDIR && !write)
		err = wasmi_wasi__resolve(w, dirfd, path, len, follow, O_RDONLY | O_DIRECTORY, 0,
					  &fd);
	if (err)
		return err;
	if (fstat(fd, &st)) {
		err = wasmi_wasi_errno(errno);
		goto err_close;
	}
	memset(&slot, 0, sizeof(slot));
	slot.host = fd;
	slot.own = true;
	slot.type = wasmi_wasi_filetype(st.st_mode);
	slot.flags = fdflags & (WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK);
	slot.readable = read || S_ISDIR(st.st_mode);
	slot.writable = write && !S_ISDIR(st.st_mode);
	gfd = wasmi_wasi__fd_add(w, &slot);
	if (gfd < 0) {
		err = wasmi_wasi_errno(-gfd);
		goto err_close;
	}
	*guest_fd = (uint32_t)gfd;
	return WASI_ESUCCESS;

err_close:
	close(fd);
	return err;
}

int wasmi_wait(volatile int *signal, struct pollfd *fds, size_t n, int64_t timeout_ns)
{
	sigset_t block, old;
	struct timespec ts;
	int ret, err = 0;

	/*
	 * Block SIGINT/SIGTERM while checking the flag, and let ppoll unblock
	 * them atomically: a signal arriving between the check and the wait
	 * still ends the wait.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (signal && *signal) {
		ret = -EINTR;
		goto out;
	}
	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
	}
	ret = ppoll(fds, n, timeout_ns >= 0 ? &ts : NULL, &old);
	if (ret < 0) {
		err = errno;
		ret = -err;
	}
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}
