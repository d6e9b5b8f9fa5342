/* SPDX-License-Identifier: MIT */
/*
 * common: small helpers shared by every module (prefix cmn_).
 *
 * - Logging: one print hook (cmn_set_print) that every module logs through;
 *   it keeps errno intact and can be redirected by tests. libbpf's own
 *   messages are routed into it with cmn_route_libbpf_print().
 * - Growable buffers ({ptr, cnt, cap}) grown by one overflow-checked helper.
 * - File I/O: whole-file reads with a size cap, atomic writes (temp file +
 *   rename, so a failed run never leaves a half-written output), mkdir -p,
 *   private temp directories and their removal.
 * - base64 (standard alphabet, '=' padding) and zlib streams (RFC 1950)
 *   with an absolute cap on inflated size.
 * - Subprocesses started from an argv array (never a shell), with captured
 *   output.
 *
 * Errors: actions return 0 or a negative errno; constructors return NULL and
 * set errno. Nothing here keeps global mutable state except the print hook.
 * Ownership: buffers returned through out-parameters are malloc'd and owned
 * by the caller (free()).
 */
#ifndef ECC_COMMON_H
#define ECC_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- logging ---------------------------------------------------------- */

enum cmn_log_level {
	CMN_WARN = 0,	/* errors and warnings: always shown */
	CMN_INFO = 1,	/* progress the user asked for (-v) */
	CMN_DEBUG = 2,	/* libbpf debug chatter and similar */
};

typedef void (*cmn_print_fn)(enum cmn_log_level level, const char *msg);

/*
 * Replace the print hook; NULL restores the default, which writes to stderr
 * the messages at or below the verbosity set with cmn_set_verbosity().
 * Returns the previous hook.
 */
cmn_print_fn cmn_set_print(cmn_print_fn fn);

/* Set the level the default hook shows (CMN_WARN by default). */
void cmn_set_verbosity(enum cmn_log_level level);
enum cmn_log_level cmn_verbosity(void);

/* Format and emit one message through the hook; errno is preserved. */
void cmn_log(enum cmn_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cmn_vlog(enum cmn_log_level level, const char *fmt, va_list ap);

#define pr_warn(...) cmn_log(CMN_WARN, __VA_ARGS__)
#define pr_info(...) cmn_log(CMN_INFO, __VA_ARGS__)
#define pr_debug(...) cmn_log(CMN_DEBUG, __VA_ARGS__)

/*
 * Route libbpf's messages into the hook: libbpf warnings become CMN_INFO
 * (shown with -v, since callers report failures themselves), info/debug
 * become CMN_DEBUG.
 */
void cmn_route_libbpf_print(void);

/* ---- growable memory -------------------------------------------------- */

/*
 * Ensure *ptr (an array of elem_size elements with capacity *cap) can hold
 * `need` elements, growing geometrically. Overflow-checked. 0 or -ENOMEM.
 */
int cmn_array_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);

/* A growable byte/text buffer. Always NUL-terminated when ptr != NULL. */
struct cmn_buf {
	char *ptr;
	size_t cnt;
	size_t cap;
};

int cmn_buf__append(struct cmn_buf *b, const void *data, size_t len);
int cmn_buf__puts(struct cmn_buf *b, const char *s);
int cmn_buf__printf(struct cmn_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cmn_buf__vprintf(struct cmn_buf *b, const char *fmt, va_list ap);
/* Hand the contents to the caller (who frees them) and reset the buffer. */
char *cmn_buf__steal(struct cmn_buf *b, size_t *len);
void cmn_buf__free(struct cmn_buf *b);

/* strdup that returns NULL with errno = ENOMEM. */
char *cmn_strdup(const char *s);
/* asprintf into a fresh string; NULL + errno on failure. */
char *cmn_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- files ------------------------------------------------------------ */

/*
 * Read a whole file (path "-" reads stdin). Fails with -EFBIG when it is
 * larger than max_size bytes. *data is NUL-terminated (not counted in *len).
 */
int cmn_read_file(const char *path, size_t max_size, char **data, size_t *len);

/*
 * Write data to path atomically: a temp file in the same directory, fsync'd
 * is not needed here, then rename(). On failure nothing is left behind.
 */
int cmn_write_file_atomic(const char *path, const void *data, size_t len, int mode);

/*
 * Create path with data, never replacing a file that exists (-EEXIST): the
 * same temp file next to path, then link(), so a concurrent reader sees the
 * whole file or none and a racing writer loses cleanly. Nothing is left
 * behind on failure.
 */
int cmn_write_file_new(const char *path, const void *data, size_t len, int mode);

/* mkdir -p; an existing directory is fine, a path under a file is -ENOTDIR. */
int cmn_mkdir_p(const char *path, int mode);

/* A fresh private directory under $TMPDIR (or /tmp); caller frees the path. */
char *cmn_mkdtemp(const char *prefix);

/* Remove a directory tree (no symlink following). 0 or negative errno. */
int cmn_rm_rf(const char *path);

bool cmn_file_exists(const char *path);
bool cmn_is_dir(const char *path);

/* Absolute, canonical path of an existing file; caller frees. */
char *cmn_realpath(const char *path);

/* ---- encodings -------------------------------------------------------- */

/* Standard base64 with '=' padding, no line breaks. Caller frees *out. */
int cmn_base64_encode(const void *in, size_t len, char **out, size_t *out_len);

/*
 * Strict standard base64 decode (whitespace is rejected, padding required).
 * -EINVAL on a bad character or length. Caller frees *out.
 */
int cmn_base64_decode(const char *in, size_t len, void **out, size_t *out_len);

/* zlib stream (RFC 1950) at the best compression. Caller frees *out. */
int cmn_zlib_compress(const void *in, size_t len, void **out, size_t *out_len);

/*
 * Inflate a zlib stream, refusing to produce more than `cap` bytes
 * (-EFBIG, before inflating past it). -EINVAL on a corrupt or truncated
 * stream, or trailing garbage. Caller frees *out.
 */
int cmn_zlib_inflate(const void *in, size_t len, size_t cap, void **out, size_t *out_len);

/* ---- subprocesses ----------------------------------------------------- */

struct cmn_proc_result {
	int status;	 /* exit status (0..255), or 128+signal */
	char *out;	 /* captured stdout (NUL-terminated), NULL if not captured */
	size_t out_len;
	char *err;	 /* captured stderr (NUL-terminated), NULL if not captured */
	size_t err_len;
};

enum {
	CMN_PROC_CAPTURE_OUT = 1 << 0,
	CMN_PROC_CAPTURE_ERR = 1 << 1,
	CMN_PROC_STDIN_NULL = 1 << 2,
};

/*
 * Run argv[0] (searched in PATH when it has no '/') with argv, no shell.
 * Returns 0 when the process ran (whatever its status), or a negative errno
 * when it could not be started (-ENOENT: not found). Release with
 * cmn_proc_result__free().
 */
int cmn_proc_run(char *const argv[], unsigned flags, struct cmn_proc_result *res);
void cmn_proc_result__free(struct cmn_proc_result *res);

/*
 * The first executable `bin` in $PATH (an empty entry is the current
 * directory; an unset PATH searches /usr/bin:/bin), as the joined path, not
 * resolved. A name with a '/' is returned as is when executable. NULL with
 * errno = ENOENT when there is none. Caller frees.
 */
char *cmn_which(const char *bin);

/* Render argv as a shell-quoted command line (for -v output). Caller frees. */
char *cmn_argv_to_string(char *const argv[]);

#endif /* ECC_COMMON_H */
