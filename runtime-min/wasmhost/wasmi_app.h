/* SPDX-License-Identifier: MIT */
/*
 * wasmi_app: what a running app.wasm sees of the host (prefix wasmi_).
 *
 * - WASI preview 1 (wasmi_wasi_*): a private fd table whose slots map guest
 *   fds to host fds (guest fds are indices, never raw host fds), the
 *   preopened --dir grants, and path resolution strictly beneath a preopen
 *   (openat2 RESOLVE_BENEATH: no absolute paths, no "..", no symlink out).
 *   Inside a grant the guest may also create/remove directories, unlink
 *   and rename (the parent is resolved beneath, the last component acted
 *   on inside it). The guest gets no host environment variables: environ
 *   is empty unless the embedder adds entries (ecli run --env).
 * - wasm_bpf (wasmi_bpf_*): objects loaded by the guest live in a host table;
 *   handles are index + 1, map fds are accepted only when they belong to one
 *   of the guest's own objects.
 * - Blocking calls (fd_read on a tty/pipe, poll_oneoff, buffer polling) wait
 *   with ppoll() so a SIGINT/SIGTERM noted in *signal ends the wait at once:
 *   WASI calls then return EINTR, bpf polling -EINTR, and the engine traps
 *   on its next back-edge (the same word is its interrupt flag).
 *
 * Host functions get the struct wasmi_app as their user pointer. Everything
 * here returns WASI errnos (WASI calls) or negative host errnos (wasm_bpf),
 * as the ABI asks; nothing is logged for guest mistakes except at debug
 * level.
 */
#ifndef WASMI_APP_H
#define WASMI_APP_H

#include "wasmi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* WASI preview 1 errnos used by the host (values from the witx spec). */
enum {
	WASI_ESUCCESS = 0,
	WASI_E2BIG = 1,
	WASI_EACCES = 2,
	WASI_EAGAIN = 6,
	WASI_EBADF = 8,
	WASI_EEXIST = 20,
	WASI_EFAULT = 21,
	WASI_EINTR = 27,
	WASI_EINVAL = 28,
	WASI_EIO = 29,
	WASI_EISDIR = 31,
	WASI_ELOOP = 32,
	WASI_EMFILE = 33,
	WASI_ENAMETOOLONG = 37,
	WASI_ENOENT = 44,
	WASI_ENOMEM = 48,
	WASI_ENOSPC = 51,
	WASI_ENOSYS = 52,
	WASI_ENOTDIR = 54,
	WASI_ENOTEMPTY = 55,
	WASI_ENOTSUP = 58,
	WASI_ENOTTY = 59,
	WASI_EOVERFLOW = 61,
	WASI_EPERM = 63,
	WASI_EPIPE = 64,
	WASI_EROFS = 69,
	WASI_ESPIPE = 70,
	WASI_EXDEV = 75,
	WASI_ENOTCAPABLE = 76,
};

/* WASI filetypes */
enum {
	WASI_FT_UNKNOWN = 0,
	WASI_FT_BLOCK = 1,
	WASI_FT_CHAR = 2,
	WASI_FT_DIR = 3,
	WASI_FT_REG = 4,
	WASI_FT_SOCK_DGRAM = 5,
	WASI_FT_SOCK_STREAM = 6,
	WASI_FT_SYMLINK = 7,
};

/* WASI fdflags, oflags, lookupflags */
enum {
	WASI_FDFLAG_APPEND = 1,
	WASI_FDFLAG_DSYNC = 2,
	WASI_FDFLAG_NONBLOCK = 4,
	WASI_FDFLAG_RSYNC = 8,
	WASI_FDFLAG_SYNC = 16,
	WASI_O_CREAT = 1,
	WASI_O_DIRECTORY = 2,
	WASI_O_EXCL = 4,
	WASI_O_TRUNC = 8,
	WASI_LOOKUP_SYMLINK_FOLLOW = 1,
};

#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_TELL (1ull << 5)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHTS_ALL ((1ull << 30) - 1)

/* Longest path a guest may pass (bytes, without the NUL). */
#define WASMI_WASI_PATH_MAX 4096u

/* One slot of the guest's fd table; host < 0 marks a free slot. */
struct wasmi_wasi_fd {
	int host;
	uint8_t type;	/* WASI filetype */
	uint16_t flags; /* WASI fdflags */
	bool own;	/* close the host fd when the guest closes it */
	bool readable;
	bool writable;
	char *preopen;	 /* guest name of a preopened directory, else NULL */
	char *host_path; /* host path of a preopen (canonical), else NULL */
};

struct wasmi_wasi {
	struct wasmi_wasi_fd *fds;
	size_t cnt;
	size_t cap;
	char **args; /* owned copies */
	size_t nargs;
	char **env; /* "NAME=value", owned */
	size_t nenv;
	volatile int *signal; /* pending signal number (0: none); borrowed */
};

struct wasmi_bpf_obj;

struct wasmi_bpf {
	struct wasmi_bpf_obj **objs; /* slot i is handle i + 1; NULL = free */
	size_t cnt;
	size_t cap;
};

struct wasmi_app {
	struct wasmi_wasi wasi;
	struct wasmi_bpf bpf;
	volatile int *signal;
};

/* ---- WASI state (wasmi_wasi_fs.c) ---------------------------------------- */

/* Set up fds 0-2 and the guest's args (copied). 0 or -ENOMEM. */
int wasmi_wasi__init(struct wasmi_wasi *w, size_t argc, char *const *argv, volatile int *signal);
void wasmi_wasi__fini(struct wasmi_wasi *w);
/* Add one "NAME=value" to the guest's environment (copied). */
int wasmi_wasi__add_env(struct wasmi_wasi *w, const char *kv);
/*
 * Grant the host directory `host` to the guest under the name `guest`
 * (NULL: the same as host). Opened now with O_PATH|O_DIRECTORY; errors
 * (-ENOENT, -ENOTDIR, ...) are logged naming the directory.
 */
int wasmi_wasi__preopen(struct wasmi_wasi *w, const char *host, const char *guest);
/* The open slot for guest fd, or NULL. */
struct wasmi_wasi_fd *wasmi_wasi__fd(struct wasmi_wasi *w, uint32_t fd);
/* Put a host fd into the first free slot >= 3; its guest fd, or -EMFILE/-ENOMEM. */
int wasmi_wasi__fd_add(struct wasmi_wasi *w, const struct wasmi_wasi_fd *slot);
/* Close guest fd. A WASI errno. */
int wasmi_wasi__fd_close(struct wasmi_wasi *w, uint32_t fd);
/*
 * Open `path` (len bytes, not NUL-terminated in guest memory) beneath the
 * directory of guest fd dirfd. oflags/fdflags are WASI flags, read/write
 * what the guest wants. Stores the new guest fd. A WASI errno.
 */
int wasmi_wasi__path_open(struct wasmi_wasi *w, uint32_t dirfd, const char *path, size_t len,
			  bool follow, uint16_t oflags, uint16_t fdflags, bool read, bool write,
			  uint32_t *guest_fd);
/*
 * Resolve path beneath dirfd and return a new host fd (O_PATH when
 * host_flags is O_PATH) in *host_fd. A WASI errno.
 */
int wasmi_wasi__resolve(struct wasmi_wasi *w, uint32_t dirfd, const char *path, size_t len,
			bool follow, int host_flags, int mode, int *host_fd);
/* Host errno -> WASI errno. */
uint16_t wasmi_wasi_errno(int host_errno);
/* WASI filetype of a st_mode. */
uint8_t wasmi_wasi_filetype(unsigned mode);

/*
 * Wait until one of fds is ready or timeout_ns passes (< 0: forever), or a
 * signal is pending in *signal. Returns the number of ready fds, 0 on
 * timeout, -EINTR when interrupted, or another negative errno.
 */
struct pollfd;
int wasmi_wait(volatile int *signal, struct pollfd *fds, size_t n, int64_t timeout_ns);

/* ---- host function tables ------------------------------------------------ */

/* WASI preview 1: every function of the spec (unsupported ones ENOSYS). */
extern const struct wasmi_host_func wasmi_wasi_funcs[];
extern const size_t wasmi_wasi_nfuncs;
/* The six wasm_bpf imports. */
extern const struct wasmi_host_func wasmi_bpf_funcs[];
extern const size_t wasmi_bpf_nfuncs;

/* ---- the app context (wasmi_app.c) --------------------------------------- */

/*
 * All host functions (WASI + wasm_bpf) with user = app; the caller frees
 * the array. NULL + errno on failure.
 */
struct wasmi_host_func *wasmi_app__imports(struct wasmi_app *app, size_t *n);
/* Close every BPF object the guest loaded (detach first). */
void wasmi_bpf__fini(struct wasmi_bpf *b);

#endif /* WASMI_APP_H */
