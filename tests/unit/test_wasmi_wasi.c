/* SPDX-License-Identifier: MIT */
/*
 * WASI preview 1 host: the sandbox (fd table, preopens, resolution beneath
 * a grant, escape attempts), and every host function called directly with
 * valid and hostile pointers, against the fake engine of
 * tests/wasmhost/fake_engine.c (no interpreter needed).
 */
#define _GNU_SOURCE
#include "fake_engine.h"
#include "wasmi_app.h"

#include "common.h"
#include "tassert.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MEM_SIZE (2u * 65536u)
#define BAD 0xfffffff0u

struct ctx {
	struct wasmi_instance *in;
	struct wasmi_app app;
	volatile int sig;
	char *root;
	char *grant;
};

static const struct wasmi_host_func *find(const char *name)
{
	size_t i;

	for (i = 0; i < wasmi_wasi_nfuncs; i++)
		if (strcmp(wasmi_wasi_funcs[i].name, name) == 0)
			return &wasmi_wasi_funcs[i];
	return NULL;
}

static int nparams(const char *sig)
{
	return (int)(strchr(sig, ':') - sig);
}

static enum wasmi_status call_st(struct ctx *c, const char *name, const uint64_t *v, int n,
				 union wasmi_value *res)
{
	const struct wasmi_host_func *f = find(name);
	union wasmi_value args[12];
	int i;

	if (!f || nparams(f->sig) != n) {
		fprintf(stderr, "bad test call %s/%d\n", name, n);
		abort();
	}
	for (i = 0; i < n; i++) {
		if (f->sig[i] == 'I')
			args[i].i64 = v[i];
		else
			args[i].i32 = (uint32_t)v[i];
	}
	res[0].i64 = 0xdeadbeef;
	return f->fn(c->in, &c->app, args, res);
}

static uint32_t call(struct ctx *c, const char *name, const uint64_t *v, int n)
{
	union wasmi_value res[1];

	if (call_st(c, name, v, n, res) != WASMI_OK)
		return 0xffffffffu;
	return res[0].i32;
}

#define W(c, name, ...)                                                                            \
	call((c), (name), (const uint64_t[]){__VA_ARGS__},                                         \
	     (int)(sizeof((const uint64_t[]){__VA_ARGS__}) / sizeof(uint64_t)))

static uint8_t *M(struct ctx *c, uint32_t off)
{
	return c->in->mem + off;
}

static uint32_t get32(struct ctx *c, uint32_t off)
{
	uint32_t v;

	memcpy(&v, M(c, off), 4);
	return v;
}

static uint64_t get64(struct ctx *c, uint32_t off)
{
	uint64_t v;

	memcpy(&v, M(c, off), 8);
	return v;
}

static void put32(struct ctx *c, uint32_t off, uint32_t v)
{
	memcpy(M(c, off), &v, 4);
}

/* Guest string at off; returns off. */
static uint32_t gstr(struct ctx *c, uint32_t off, const char *s)
{
	memcpy(M(c, off), s, strlen(s) + 1);
	return off;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *p = cmn_asprintf("%s/%s", dir, name);

	T_EQ_INT(0, cmn_write_file_atomic(p, text, strlen(text), 0644));
	free(p);
}

static int setup(struct ctx *c)
{
	char *p;
	char *argv[] = {"app.wasm", "one", "two words"};

	memset(c, 0, sizeof(*c));
	c->root = cmn_mkdtemp("wasmi-wasi");
	if (!c->root)
		return -1;
	c->grant = cmn_asprintf("%s/grant", c->root);
	p = cmn_asprintf("%s/grant/sub", c->root);
	cmn_mkdir_p(p, 0755);
	free(p);
	write_file(c->root, "outside.txt", "secret");
	write_file(c->grant, "a.txt", "hello file\n");
	write_file(c->grant, "sub/b.txt", "bbb");
	p = cmn_asprintf("%s/link_out", c->grant);
	T_EQ_INT(0, symlink("/etc/passwd", p));
	free(p);
	p = cmn_asprintf("%s/link_up", c->grant);
	T_EQ_INT(0, symlink("../outside.txt", p));
	free(p);
	p = cmn_asprintf("%s/link_dir_out", c->grant);
	T_EQ_INT(0, symlink(c->root, p));
	free(p);
	p = cmn_asprintf("%s/link_in", c->grant);
	T_EQ_INT(0, symlink("sub/b.txt", p));
	free(p);
	c->in = fake_instance__new(MEM_SIZE);
	c->app.signal = &c->sig;
	if (wasmi_wasi__init(&c->app.wasi, 3, argv, &c->sig))
		return -1;
	return wasmi_wasi__preopen(&c->app.wasi, c->grant, "/data");
}

static void teardown(struct ctx *c)
{
	wasmi_wasi__fini(&c->app.wasi);
	fake_instance__free(c->in);
	cmn_rm_rf(c->root);
	free(c->root);
	free(c->grant);
}

static int resolve(struct ctx *c, uint32_t dirfd, const char *path, bool follow)
{
	int fd = -1, e;

	e = wasmi_wasi__resolve(&c->app.wasi, dirfd, path, strlen(path), follow, O_RDONLY, 0, &fd);
	if (!e)
		close(fd);
	return e;
}

static void test_errno_map(void)
{
	T_EQ_INT(WASI_ENOENT, wasmi_wasi_errno(ENOENT));
	T_EQ_INT(WASI_EFAULT, wasmi_wasi_errno(EFAULT));
	T_EQ_INT(WASI_EINTR, wasmi_wasi_errno(EINTR));
	T_EQ_INT(WASI_EIO, wasmi_wasi_errno(12345));
	T_EQ_INT(WASI_FT_DIR, wasmi_wasi_filetype(S_IFDIR | 0755));
	T_EQ_INT(WASI_FT_REG, wasmi_wasi_filetype(S_IFREG));
}

static void test_sandbox(struct ctx *c)
{
	char longp[WASMI_WASI_PATH_MAX + 10];
	struct wasmi_wasi w2;
	char *argv[] = {"x"};

	T_EQ_INT(0, resolve(c, 3, "a.txt", false));
	T_EQ_INT(0, resolve(c, 3, "sub/b.txt", false));
	T_EQ_INT(0, resolve(c, 3, "sub/../a.txt", false));
	T_EQ_INT(0, resolve(c, 3, "link_in", true));
	T_EQ_INT(WASI_ELOOP, resolve(c, 3, "link_in", false));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, 3, "../outside.txt", false));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, 3, "sub/../../outside.txt", false));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, 3, "/etc/passwd", false));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, 3, "link_out", true));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, 3, "link_up", true));
	T_EQ_INT(WASI_ENOENT, resolve(c, 3, "missing", false));
	T_EQ_INT(WASI_ENOTDIR, resolve(c, 1, "a.txt", false));
	T_EQ_INT(WASI_EBADF, resolve(c, 42, "a.txt", false));
	T_EQ_INT(WASI_EINVAL,
		 wasmi_wasi__resolve(&c->app.wasi, 3, "a\0b", 3, false, O_RDONLY, 0, &(int){0}));
	memset(longp, 'a', sizeof(longp));
	T_EQ_INT(WASI_ENAMETOOLONG, wasmi_wasi__resolve(&c->app.wasi, 3, longp, sizeof(longp),
							false, O_RDONLY, 0, &(int){0}));
	/* A grant that does not exist is refused up front. */
	T_EQ_INT(0, wasmi_wasi__init(&w2, 1, argv, NULL));
	T_EQ_INT(-ENOENT, wasmi_wasi__preopen(&w2, "/nonexistent-dir-for-test", NULL));
	T_EQ_INT(-ENOTDIR, wasmi_wasi__preopen(&w2, "/etc/passwd", NULL));
	T_EQ_INT(3, (int)w2.cnt);
	wasmi_wasi__fini(&w2);
}

static void test_path_open(struct ctx *c)
{
	uint32_t fd, fd2;
	char *p;

	T_EQ_INT(0, wasmi_wasi__path_open(&c->app.wasi, 3, "new.txt", 7, false,
					  WASI_O_CREAT | WASI_O_EXCL, 0, false, true, &fd));
	T_EQ_INT(4, fd);
	T_EQ_INT(WASI_EEXIST,
		 wasmi_wasi__path_open(&c->app.wasi, 3, "new.txt", 7, false,
				       WASI_O_CREAT | WASI_O_EXCL, 0, false, true, &fd2));
	p = cmn_asprintf("%s/new.txt", c->grant);
	T_TRUE(cmn_file_exists(p));
	free(p);
	/* Creating outside the grant is refused, and nothing appears there. */
	T_EQ_INT(WASI_ENOTCAPABLE, wasmi_wasi__path_open(&c->app.wasi, 3, "../made.txt", 11, false,
							 WASI_O_CREAT, 0, false, true, &fd2));
	p = cmn_asprintf("%s/made.txt", c->root);
	T_TRUE(!cmn_file_exists(p));
	free(p);
	T_EQ_INT(0, wasmi_wasi__fd_close(&c->app.wasi, fd));
	T_EQ_INT(WASI_EBADF, wasmi_wasi__fd_close(&c->app.wasi, fd));
	/* The freed slot is reused. */
	T_EQ_INT(0, wasmi_wasi__path_open(&c->app.wasi, 3, "sub", 3, false, WASI_O_DIRECTORY, 0,
					  true, false, &fd));
	T_EQ_INT(4, fd);
	T_EQ_INT(WASI_FT_DIR, wasmi_wasi__fd(&c->app.wasi, fd)->type);
	/* Resolution from an opened subdirectory is beneath it too. */
	T_EQ_INT(0, resolve(c, fd, "b.txt", false));
	T_EQ_INT(WASI_ENOTCAPABLE, resolve(c, fd, "../a.txt", false));
	T_EQ_INT(0, wasmi_wasi__fd_close(&c->app.wasi, fd));
}

static void test_args_env(struct ctx *c)
{
	T_EQ_INT(0, W(c, "args_sizes_get", 100, 104));
	T_EQ_INT(3, get32(c, 100));
	T_EQ_INT(strlen("app.wasm") + strlen("one") + strlen("two words") + 3, get32(c, 104));
	T_EQ_INT(0, W(c, "args_get", 200, 300));
	T_EQ_STR("app.wasm", (char *)M(c, get32(c, 200)));
	T_EQ_STR("two words", (char *)M(c, get32(c, 208)));
	T_EQ_INT(0, W(c, "environ_sizes_get", 100, 104));
	T_EQ_INT(0, get32(c, 100));
	T_EQ_INT(0, wasmi_wasi__add_env(&c->app.wasi, "A=b"));
	T_EQ_INT(-EINVAL, wasmi_wasi__add_env(&c->app.wasi, "novalue"));
	T_EQ_INT(0, W(c, "environ_sizes_get", 100, 104));
	T_EQ_INT(1, get32(c, 100));
	T_EQ_INT(0, W(c, "environ_get", 200, 300));
	T_EQ_STR("A=b", (char *)M(c, get32(c, 200)));
	/* hostile */
	T_EQ_INT(WASI_EFAULT, W(c, "args_get", BAD, 300));
	T_EQ_INT(WASI_EFAULT, W(c, "args_get", 200, MEM_SIZE - 4));
	T_EQ_INT(WASI_EFAULT, W(c, "args_sizes_get", MEM_SIZE - 2, 104));
	T_EQ_INT(WASI_EFAULT, W(c, "environ_get", 200, BAD));
	T_EQ_INT(WASI_EFAULT, W(c, "environ_sizes_get", 100, BAD));
}

static void test_fd_io(struct ctx *c)
{
	int p[2];
	char buf[64] = "";

	T_EQ_INT(0, pipe(p));
	/* Stand the pipe in for stdout/stdin (not owned: the test closes it). */
	c->app.wasi.fds[1].host = p[1];
	gstr(c, 1000, "hello ");
	gstr(c, 1010, "world");
	put32(c, 500, 1000);
	put32(c, 504, 6);
	put32(c, 508, 1010);
	put32(c, 512, 5);
	T_EQ_INT(0, W(c, "fd_write", 1, 500, 2, 600));
	T_EQ_INT(11, get32(c, 600));
	T_EQ_INT(11, read(p[0], buf, sizeof(buf)));
	T_EQ_MEM("hello world", buf, 11);
	/* hostile fd_write: iovec array and buffers out of range */
	T_EQ_INT(WASI_EFAULT, W(c, "fd_write", 1, BAD, 1, 600));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_write", 1, MEM_SIZE - 4, 1, 600));
	put32(c, 504, 0xffffff00u);
	T_EQ_INT(WASI_EFAULT, W(c, "fd_write", 1, 500, 1, 600));
	put32(c, 504, 6);
	T_EQ_INT(WASI_EFAULT, W(c, "fd_write", 1, 500, 1, BAD));
	T_EQ_INT(WASI_EINVAL, W(c, "fd_write", 1, 500, 100000, 600));
	T_EQ_INT(WASI_EBADF, W(c, "fd_write", 77, 500, 1, 600));
	T_EQ_INT(WASI_EBADF, W(c, "fd_write", 0, 500, 1, 600));
	c->app.wasi.fds[1].host = 1;
	/* non-blocking stdin (flag emulated on the shared fd): EAGAIN, then data */
	c->app.wasi.fds[0].host = p[0];
	T_EQ_INT(0, W(c, "fd_fdstat_set_flags", 0, WASI_FDFLAG_NONBLOCK));
	put32(c, 500, 3000);
	put32(c, 504, 16);
	T_EQ_INT(WASI_EAGAIN, W(c, "fd_read", 0, 500, 1, 600));
	T_EQ_INT(2, write(p[1], "hi", 2));
	T_EQ_INT(0, W(c, "fd_read", 0, 500, 1, 600));
	T_EQ_INT(2, get32(c, 600));
	T_EQ_INT(0, W(c, "fd_fdstat_set_flags", 0, 0));
	c->app.wasi.fds[0].host = 0;
	close(p[1]);
	close(p[0]);
}

/* A file through path_open + fd_read, seek, tell, stat. */
static void test_fd_file(struct ctx *c)
{
	uint32_t fd;

	T_EQ_INT(0, W(c, "path_open", 3, 0, gstr(c, 2000, "a.txt"), 5, 0, WASI_RIGHT_FD_READ, 0, 0,
		      700));
	fd = get32(c, 700);
	put32(c, 500, 3000);
	put32(c, 504, 5);
	T_EQ_INT(0, W(c, "fd_read", fd, 500, 1, 600));
	T_EQ_INT(5, get32(c, 600));
	T_EQ_MEM("hello", M(c, 3000), 5);
	T_EQ_INT(0, W(c, "fd_tell", fd, 800));
	T_EQ_INT(5, get64(c, 800));
	T_EQ_INT(0, W(c, "fd_seek", fd, (uint64_t)-4, 2, 800));
	T_EQ_INT(7, get64(c, 800));
	T_EQ_INT(WASI_EINVAL, W(c, "fd_seek", fd, 0, 9, 800));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_seek", fd, 0, 0, BAD));
	T_EQ_INT(0, W(c, "fd_pread", fd, 500, 1, 6, 600));
	T_EQ_MEM("file\n", M(c, 3000), 5);
	T_EQ_INT(WASI_EBADF, W(c, "fd_write", fd, 500, 1, 600));
	T_EQ_INT(0, W(c, "fd_fdstat_get", fd, 900));
	T_EQ_INT(WASI_FT_REG, *M(c, 900));
	T_EQ_INT(0, get64(c, 908) & WASI_RIGHT_FD_WRITE);
	T_EQ_INT(WASI_EFAULT, W(c, "fd_fdstat_get", fd, MEM_SIZE - 8));
	T_EQ_INT(0, W(c, "fd_filestat_get", fd, 900));
	T_EQ_INT(11, get64(c, 932));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_filestat_get", fd, BAD));
	T_EQ_INT(0, W(c, "fd_fdstat_set_flags", fd, WASI_FDFLAG_NONBLOCK));
	T_EQ_INT(WASI_ENOTSUP, W(c, "fd_fdstat_set_flags", fd, WASI_FDFLAG_SYNC));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_read", fd, 500, 1, BAD));
	T_EQ_INT(0, W(c, "fd_close", fd));
	T_EQ_INT(WASI_EBADF, W(c, "fd_close", fd));
	/* a character device (a terminal) has no seek/tell: wasi-libc's isatty */
	{
		struct wasmi_wasi_fd dev = {.host = open("/dev/null", O_RDWR),
					    .own = true,
					    .type = WASI_FT_CHAR,
					    .readable = true,
					    .writable = true};
		int gfd = wasmi_wasi__fd_add(&c->app.wasi, &dev);

		T_EQ_INT(0, W(c, "fd_fdstat_get", gfd, 900));
		T_EQ_INT(WASI_FT_CHAR, *M(c, 900));
		T_EQ_INT(0, get64(c, 908) & (WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL));
		T_TRUE(get64(c, 908) & WASI_RIGHT_FD_WRITE);
		T_EQ_INT(0, W(c, "fd_close", gfd));
	}
}

static void test_paths(struct ctx *c)
{
	uint32_t before = (uint32_t)c->app.wasi.cnt;

	T_EQ_INT(0, W(c, "fd_prestat_get", 3, 100));
	T_EQ_INT(0, *M(c, 100));
	T_EQ_INT(5, get32(c, 104));
	T_EQ_INT(0, W(c, "fd_prestat_dir_name", 3, 200, 5));
	T_EQ_MEM("/data", M(c, 200), 5);
	T_EQ_INT(WASI_ENAMETOOLONG, W(c, "fd_prestat_dir_name", 3, 200, 2));
	T_EQ_INT(WASI_EBADF, W(c, "fd_prestat_get", 4, 100));
	T_EQ_INT(WASI_EBADF, W(c, "fd_prestat_get", 1, 100));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_prestat_get", 3, BAD));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_prestat_dir_name", 3, MEM_SIZE - 1, 5));
	/* escapes through the host function */
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_open", 3, 1, gstr(c, 2000, "../outside.txt"), 14, 0,
				     WASI_RIGHT_FD_READ, 0, 0, 700));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_open", 3, 1, gstr(c, 2000, "link_out"), 8, 0,
				     WASI_RIGHT_FD_READ, 0, 0, 700));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_open", 3, 1, gstr(c, 2000, "/etc/passwd"), 11, 0,
				     WASI_RIGHT_FD_READ, 0, 0, 700));
	T_EQ_INT(WASI_EFAULT, W(c, "path_open", 3, 0, BAD, 5, 0, WASI_RIGHT_FD_READ, 0, 0, 700));
	T_EQ_INT(WASI_EFAULT, W(c, "path_open", 3, 0, 2000, 0xffffffffu, 0, 2, 0, 0, 700));
	/* a bad result pointer opens nothing (no fd leaks into the table) */
	T_EQ_INT(WASI_EFAULT, W(c, "path_open", 3, 0, gstr(c, 2000, "a.txt"), 5, 0, 2, 0, 0, BAD));
	T_EQ_INT(before, c->app.wasi.cnt);
	T_EQ_INT(0, W(c, "path_filestat_get", 3, 0, gstr(c, 2000, "sub/b.txt"), 9, 900));
	T_EQ_INT(WASI_FT_REG, *M(c, 916));
	T_EQ_INT(3, get64(c, 932));
	T_EQ_INT(0, W(c, "path_filestat_get", 3, 0, gstr(c, 2000, "link_in"), 7, 900));
	T_EQ_INT(WASI_FT_SYMLINK, *M(c, 916));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_filestat_get", 3, 1, gstr(c, 2000, "../outside.txt"), 14, 900));
	T_EQ_INT(WASI_EFAULT, W(c, "path_filestat_get", 3, 0, 2000, 9, BAD));
	T_EQ_INT(WASI_EFAULT, W(c, "path_filestat_get", 3, 0, BAD, 9, 900));
}

/* Names of the entries in a readdir buffer, space-separated (sorted by the test). */
static int dir_names(struct ctx *c, uint32_t buf, uint32_t used, char names[][32], int max,
		     uint64_t *last_next)
{
	uint32_t off = 0, namlen;
	int n = 0;

	while (off + 24 <= used && n < max) {
		namlen = get32(c, buf + off + 16);
		*last_next = get64(c, buf + off);
		if (off + 24 + namlen > used)
			break;
		snprintf(names[n++], 32, "%.*s", (int)namlen, (char *)M(c, buf + off + 24));
		off += 24 + namlen;
	}
	return n;
}

static bool has_name(char names[][32], int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static void test_readdir(struct ctx *c)
{
	char names[16][32];
	uint64_t next = 0;
	int n, total = 0;

	/* the preopen itself (an O_PATH fd) can be listed */
	T_EQ_INT(0, W(c, "fd_readdir", 3, 4096, 4096, 0, 100));
	n = dir_names(c, 4096, get32(c, 100), names, 16, &next);
	T_TRUE(has_name(names, n, "a.txt"));
	T_TRUE(has_name(names, n, "sub"));
	T_TRUE(has_name(names, n, "link_out"));
	T_TRUE(has_name(names, n, "."));
	/* one entry at a time through the cookies: the same entries */
	next = 0;
	for (;;) {
		T_EQ_INT(0, W(c, "fd_readdir", 3, 4096, 40, next, 100));
		if (get32(c, 100) == 0)
			break;
		if (dir_names(c, 4096, get32(c, 100), names, 1, &next) != 1) {
			/* name cut short: the buffer was full */
			T_EQ_INT(40, get32(c, 100));
			break;
		}
		total++;
		if (total > 20)
			break;
	}
	T_EQ_INT(n, total);
	/* a tiny buffer is filled completely (truncated entry) */
	T_EQ_INT(0, W(c, "fd_readdir", 3, 4096, 10, 0, 100));
	T_EQ_INT(10, get32(c, 100));
	T_EQ_INT(WASI_ENOTDIR, W(c, "fd_readdir", 1, 4096, 100, 0, 100));
	T_EQ_INT(WASI_EBADF, W(c, "fd_readdir", 77, 4096, 100, 0, 100));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_readdir", 3, MEM_SIZE - 10, 100, 0, 100));
	T_EQ_INT(WASI_EFAULT, W(c, "fd_readdir", 3, 4096, 100, 0, BAD));
}

static void test_clock_random_misc(struct ctx *c)
{
	union wasmi_value res[1];
	uint32_t zero = 0;

	T_EQ_INT(0, W(c, "clock_time_get", 1, 1, 100));
	T_TRUE(get64(c, 100) > 0);
	T_EQ_INT(0, W(c, "clock_time_get", 0, 1, 100));
	T_TRUE(get64(c, 100) > 1600000000ull * 1000000000ull);
	T_EQ_INT(WASI_EINVAL, W(c, "clock_time_get", 9, 1, 100));
	T_EQ_INT(WASI_EFAULT, W(c, "clock_time_get", 1, 1, MEM_SIZE - 7));
	T_EQ_INT(0, W(c, "clock_res_get", 1, 100));
	T_EQ_INT(WASI_EFAULT, W(c, "clock_res_get", 1, BAD));
	memset(M(c, 1000), 0, 64);
	T_EQ_INT(0, W(c, "random_get", 1000, 64));
	T_TRUE(memcmp(M(c, 1000), &zero, 4) != 0 || memcmp(M(c, 1004), &zero, 4) != 0);
	T_EQ_INT(WASI_EFAULT, W(c, "random_get", MEM_SIZE - 10, 64));
	T_EQ_INT(WASI_EFAULT, W(c, "random_get", 0, 0xffffffffu));
	T_EQ_INT(WASI_ENOSYS, W(c, "path_symlink", 2000, 1, 3, 2100, 1));
	T_EQ_INT(WASI_ENOSYS, W(c, "sock_accept", 3, 0, 100));
	T_EQ_INT(0, call(c, "sched_yield", NULL, 0));
	T_EQ_INT(WASMI_EXIT, call_st(c, "proc_exit", (const uint64_t[]){7}, 1, res));
	T_EQ_INT(7, c->in->exit_code);
}

static void put_sub_clock(struct ctx *c, uint32_t off, uint64_t ud, uint64_t ns)
{
	memset(M(c, off), 0, 48);
	memcpy(M(c, off), &ud, 8);
	M(c, off)[8] = 0;
	put32(c, off + 16, 1);
	memcpy(M(c, off + 24), &ns, 8);
}

static void put_sub_fd(struct ctx *c, uint32_t off, uint64_t ud, uint8_t type, uint32_t fd)
{
	memset(M(c, off), 0, 48);
	memcpy(M(c, off), &ud, 8);
	M(c, off)[8] = type;
	put32(c, off + 16, fd);
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_poll(struct ctx *c)
{
	struct wasmi_wasi_fd slot = {.own = true, .readable = true, .type = WASI_FT_UNKNOWN};
	int p[2], gfd;
	int64_t t0;

	put_sub_clock(c, 100, 42, 30 * 1000000ull);
	t0 = mono_ms();
	T_EQ_INT(0, W(c, "poll_oneoff", 100, 1000, 1, 2000));
	T_TRUE(mono_ms() - t0 >= 29);
	T_EQ_INT(1, get32(c, 2000));
	T_EQ_INT(42, get64(c, 1000));
	T_EQ_INT(0, *M(c, 1010));
	/* fd readiness: a pipe with data wins over a long clock */
	T_EQ_INT(0, pipe(p));
	slot.host = p[0];
	gfd = wasmi_wasi__fd_add(&c->app.wasi, &slot);
	T_TRUE(gfd > 3);
	T_EQ_INT(3, write(p[1], "abc", 3));
	put_sub_clock(c, 100, 1, 5000ull * 1000000ull);
	put_sub_fd(c, 148, 2, 1, (uint32_t)gfd);
	t0 = mono_ms();
	T_EQ_INT(0, W(c, "poll_oneoff", 100, 1000, 2, 2000));
	T_TRUE(mono_ms() - t0 < 1000);
	T_EQ_INT(1, get32(c, 2000));
	T_EQ_INT(2, get64(c, 1000));
	T_EQ_INT(1, *M(c, 1010));
	T_EQ_INT(3, get64(c, 1016));
	/* a bad fd is reported as an event error, not a failure */
	put_sub_fd(c, 100, 9, 1, 99);
	T_EQ_INT(0, W(c, "poll_oneoff", 100, 1000, 1, 2000));
	T_EQ_INT(1, get32(c, 2000));
	T_EQ_INT(WASI_EBADF, *(uint16_t *)M(c, 1008));
	/* hostile and invalid */
	T_EQ_INT(WASI_EINVAL, W(c, "poll_oneoff", 100, 1000, 0, 2000));
	T_EQ_INT(WASI_EFAULT, W(c, "poll_oneoff", BAD, 1000, 1, 2000));
	T_EQ_INT(WASI_EFAULT, W(c, "poll_oneoff", 100, MEM_SIZE - 16, 1, 2000));
	T_EQ_INT(WASI_EFAULT, W(c, "poll_oneoff", 100, 1000, 1, BAD));
	T_EQ_INT(WASI_EINVAL, W(c, "poll_oneoff", 100, 1000, 100000, 2000));
	/* a pending signal ends the wait at once with EINTR */
	put_sub_clock(c, 100, 1, 5000ull * 1000000ull);
	c->sig = 2;
	t0 = mono_ms();
	T_EQ_INT(WASI_EINTR, W(c, "poll_oneoff", 100, 1000, 1, 2000));
	T_TRUE(mono_ms() - t0 < 1000);
	c->sig = 0;
	close(p[1]);
	wasmi_wasi__fd_close(&c->app.wasi, (uint32_t)gfd);
}

static bool host_exists(struct ctx *c, const char *rel)
{
	char *p = cmn_asprintf("%s/%s", c->root, rel);
	bool ok = cmn_file_exists(p) || cmn_is_dir(p);

	free(p);
	return ok;
}

#define P(c, off, s) gstr((c), (off), (s)), strlen(s)

static void test_modify(struct ctx *c)
{
	uint32_t fd;

	T_EQ_INT(0, W(c, "path_create_directory", 3, P(c, 2000, "newdir")));
	T_TRUE(host_exists(c, "grant/newdir"));
	T_EQ_INT(WASI_EEXIST, W(c, "path_create_directory", 3, P(c, 2000, "newdir")));
	T_EQ_INT(0, W(c, "path_create_directory", 3, P(c, 2000, "newdir/inner/")));
	T_TRUE(host_exists(c, "grant/newdir/inner"));
	/* escapes: nothing is created outside the grant */
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_create_directory", 3, P(c, 2000, "../escape")));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_create_directory", 3, P(c, 2000, "sub/../../escape")));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_create_directory", 3, P(c, 2000, "/escape")));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_create_directory", 3, P(c, 2000, "link_dir_out/escape")));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_create_directory", 3, P(c, 2000, "sub/..")));
	T_EQ_INT(WASI_EINVAL, W(c, "path_create_directory", 3, P(c, 2000, ".")));
	T_EQ_INT(WASI_ENOENT, W(c, "path_create_directory", 3, 2000, 0));
	T_EQ_INT(WASI_ENOENT, W(c, "path_open", 3, 0, 2000, 0, 0, WASI_RIGHT_FD_READ, 0, 0, 700));
	T_EQ_INT(WASI_ENOENT, W(c, "path_filestat_get", 3, 0, 2000, 0, 900));
	T_TRUE(!host_exists(c, "escape"));
	/* rename inside, refuse renaming out */
	T_EQ_INT(0, W(c, "path_rename", 3, P(c, 2000, "a.txt"), 3, P(c, 2100, "newdir/a2.txt")));
	T_TRUE(host_exists(c, "grant/newdir/a2.txt"));
	T_TRUE(!host_exists(c, "grant/a.txt"));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_rename", 3, P(c, 2000, "newdir/a2.txt"), 3, P(c, 2100, "../a3.txt")));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_rename", 3, P(c, 2000, "../outside.txt"), 3, P(c, 2100, "stolen")));
	T_TRUE(host_exists(c, "outside.txt"));
	T_TRUE(!host_exists(c, "grant/stolen"));
	/* unlink removes a link, never its target; nothing outside */
	T_EQ_INT(0, W(c, "path_unlink_file", 3, P(c, 2000, "link_up")));
	T_TRUE(host_exists(c, "outside.txt"));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_unlink_file", 3, P(c, 2000, "../outside.txt")));
	T_EQ_INT(WASI_ENOTCAPABLE,
		 W(c, "path_unlink_file", 3, P(c, 2000, "link_dir_out/outside.txt")));
	T_TRUE(host_exists(c, "outside.txt"));
	T_EQ_INT(WASI_ENOTEMPTY, W(c, "path_remove_directory", 3, P(c, 2000, "newdir")));
	T_EQ_INT(0, W(c, "path_unlink_file", 3, P(c, 2000, "newdir/a2.txt")));
	T_EQ_INT(0, W(c, "path_remove_directory", 3, P(c, 2000, "newdir/inner")));
	T_EQ_INT(0, W(c, "path_remove_directory", 3, P(c, 2000, "newdir")));
	T_TRUE(!host_exists(c, "grant/newdir"));
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_remove_directory", 3, P(c, 2000, "..")));
	/* hostile pointers */
	T_EQ_INT(WASI_EFAULT, W(c, "path_create_directory", 3, BAD, 5));
	T_EQ_INT(WASI_EFAULT, W(c, "path_unlink_file", 3, 2000, 0xffffffffu));
	T_EQ_INT(WASI_EFAULT, W(c, "path_rename", 3, 2000, 5, 3, BAD, 5));
	/* size and sync on a file opened for writing */
	T_EQ_INT(0, W(c, "path_open", 3, 0, P(c, 2000, "sized.txt"), WASI_O_CREAT,
		      WASI_RIGHT_FD_WRITE, 0, 0, 700));
	fd = get32(c, 700);
	T_EQ_INT(0, W(c, "fd_filestat_set_size", fd, 1234));
	T_EQ_INT(0, W(c, "fd_filestat_get", fd, 900));
	T_EQ_INT(1234, get64(c, 932));
	T_EQ_INT(WASI_EINVAL, W(c, "fd_filestat_set_size", fd, (uint64_t)-1));
	T_EQ_INT(0, W(c, "fd_sync", fd));
	T_EQ_INT(0, W(c, "fd_datasync", fd));
	T_EQ_INT(0, W(c, "fd_close", fd));
	T_EQ_INT(WASI_EBADF, W(c, "fd_filestat_set_size", 0, 10));
	T_EQ_INT(WASI_EBADF, W(c, "fd_sync", 99));
}

static struct stat host_stat(struct ctx *c, const char *rel, bool follow)
{
	char *p = cmn_asprintf("%s/%s", c->root, rel);
	struct stat st;

	memset(&st, 0, sizeof(st));
	if (follow)
		stat(p, &st);
	else
		lstat(p, &st);
	free(p);
	return st;
}

static uint32_t open_w(struct ctx *c, const char *name)
{
	T_EQ_INT(0, W(c, "path_open", 3, 0, P(c, 2000, name), WASI_O_CREAT, WASI_RIGHT_FD_WRITE, 0,
		      0, 700));
	return get32(c, 700);
}

static void test_times_links(struct ctx *c)
{
	const uint64_t t1000 = 1000ull * 1000000000ull, t2000 = 2000ull * 1000000000ull;
	uint32_t a = open_w(c, "ra.txt"), b = open_w(c, "rb.txt");
	time_t outside_mtime = host_stat(c, "outside.txt", true).st_mtime;

	/* fd_renumber: b now names ra.txt, a is gone */
	T_EQ_INT(0, W(c, "fd_renumber", a, b));
	T_EQ_INT(WASI_EBADF, W(c, "fd_close", a));
	put32(c, 500, gstr(c, 1000, "via b"));
	put32(c, 504, 5);
	T_EQ_INT(0, W(c, "fd_write", b, 500, 1, 600));
	T_EQ_INT(5, host_stat(c, "grant/ra.txt", true).st_size);
	T_EQ_INT(WASI_EBADF, W(c, "fd_renumber", b, 99));
	/* times through an fd and through paths; not through a link leading out */
	T_EQ_INT(0, W(c, "fd_filestat_set_times", b, 0, t1000, 4 /* MTIM */));
	T_EQ_INT(1000, host_stat(c, "grant/ra.txt", true).st_mtime);
	T_EQ_INT(WASI_EINVAL, W(c, "fd_filestat_set_times", b, 0, 0, 1 | 2));
	T_EQ_INT(0, W(c, "path_filestat_set_times", 3, 1, P(c, 2000, "sub/b.txt"), 0, t2000, 4));
	T_EQ_INT(2000, host_stat(c, "grant/sub/b.txt", true).st_mtime);
	T_EQ_INT(0, W(c, "path_filestat_set_times", 3, 0, P(c, 2000, "link_in"), 0, t1000, 4));
	T_EQ_INT(1000, host_stat(c, "grant/link_in", false).st_mtime);
	T_EQ_INT(2000, host_stat(c, "grant/sub/b.txt", true).st_mtime);
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_filestat_set_times", 3, 1,
				     P(c, 2000, "link_dir_out/outside.txt"), 0, t1000, 4));
	T_EQ_INT(outside_mtime, host_stat(c, "outside.txt", true).st_mtime);
	T_EQ_INT(WASI_EFAULT, W(c, "path_filestat_set_times", 3, 1, BAD, 4, 0, t1000, 4));
	/* readlink reads the link's text, inside the grant only */
	T_EQ_INT(0, W(c, "path_readlink", 3, P(c, 2000, "link_in"), 3000, 64, 800));
	T_EQ_INT(9, get32(c, 800));
	T_EQ_MEM("sub/b.txt", M(c, 3000), 9);
	T_EQ_INT(WASI_ENOTCAPABLE, W(c, "path_readlink", 3, P(c, 2000, "../x"), 3000, 64, 800));
	T_EQ_INT(WASI_EFAULT, W(c, "path_readlink", 3, P(c, 2000, "link_in"), BAD, 64, 800));
	T_EQ_INT(WASI_EFAULT, W(c, "path_readlink", 3, P(c, 2000, "link_in"), 3000, 64, BAD));
	/* O_APPEND from fdflags: writes land at the end whatever the offset */
	T_EQ_INT(0, W(c, "path_open", 3, 0, P(c, 2000, "log.txt"), WASI_O_CREAT,
		      WASI_RIGHT_FD_WRITE, 0, WASI_FDFLAG_APPEND, 700));
	a = get32(c, 700);
	put32(c, 500, gstr(c, 1000, "one,"));
	put32(c, 504, 4);
	T_EQ_INT(0, W(c, "fd_write", a, 500, 1, 600));
	T_EQ_INT(0, W(c, "fd_seek", a, 0, 0, 800));
	T_EQ_INT(0, W(c, "fd_write", a, 500, 1, 600));
	T_EQ_INT(8, host_stat(c, "grant/log.txt", true).st_size);
	T_EQ_INT(0, W(c, "fd_fdstat_get", a, 900));
	T_EQ_INT(WASI_FDFLAG_APPEND, *(uint16_t *)M(c, 902));
	T_EQ_INT(0, W(c, "fd_close", a));
	/* advice and allocation */
	T_EQ_INT(0, W(c, "fd_advise", b, 0, 0, 1));
	T_EQ_INT(WASI_EINVAL, W(c, "fd_advise", b, 0, 0, 9));
	T_EQ_INT(0, W(c, "fd_allocate", b, 0, 8192));
	T_TRUE(host_stat(c, "grant/ra.txt", true).st_size >= 8192);
	T_EQ_INT(WASI_EBADF, W(c, "fd_allocate", 0, 0, 10));
	T_EQ_INT(0, W(c, "fd_close", b));
}

/* Every function, every argument out of range: an errno, never a crash. */
static void test_all_hostile(struct ctx *c)
{
	union wasmi_value args[12], res[1];
	size_t i;
	int k, bad = 0;

	for (i = 0; i < wasmi_wasi_nfuncs; i++) {
		const struct wasmi_host_func *f = &wasmi_wasi_funcs[i];
		enum wasmi_status st;

		/* these succeed with any argument: nothing to check */
		if (!strcmp(f->name, "proc_exit") || !strcmp(f->name, "sched_yield") ||
		    !strcmp(f->name, "fd_close"))
			continue;
		for (k = 0; k < nparams(f->sig); k++)
			args[k].i64 = f->sig[k] == 'I' ? ~0ull : (k == 0 ? 3 : BAD);
		res[0].i32 = 0;
		st = f->fn(c->in, &c->app, args, res);
		if (st != WASMI_OK || res[0].i32 == 0) {
			fprintf(stderr, "%s with hostile args: status %d result %u\n", f->name, st,
				res[0].i32);
			bad++;
		}
	}
	T_EQ_INT(0, bad);
}

static void test_wait(void)
{
	volatile int sig = 0;
	struct pollfd p = {.fd = -1};
	int64_t t0 = mono_ms();

	T_EQ_INT(0, wasmi_wait(&sig, &p, 1, 20 * 1000000));
	T_TRUE(mono_ms() - t0 >= 19);
	sig = 15;
	T_EQ_INT(-EINTR, wasmi_wait(&sig, &p, 1, -1));
}

static void test_table(void)
{
	static const char *const required[] = {
	    "args_get",	      "args_sizes_get",
	    "environ_get",    "environ_sizes_get",
	    "fd_write",	      "fd_read",
	    "fd_close",	      "fd_seek",
	    "fd_fdstat_get",  "fd_fdstat_set_flags",
	    "fd_prestat_get", "fd_prestat_dir_name",
	    "path_open",      "path_filestat_get",
	    "clock_time_get", "random_get",
	    "poll_oneoff",    "proc_exit",
	};
	size_t i;

	/* All 46 preview1 functions link (45 of wasi-libc's list + proc_raise). */
	T_EQ_INT(46, wasmi_wasi_nfuncs);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		T_TRUE(find(required[i]) != NULL);
	T_EQ_STR("iiiiiIIii:i", find("path_open")->sig);
	T_EQ_STR("i:", find("proc_exit")->sig);
}

int main(void)
{
	struct ctx c;

	test_errno_map();
	test_table();
	test_wait();
	if (setup(&c)) {
		T_FAIL_AT("setup failed");
		TEST_MAIN_END();
	}
	test_sandbox(&c);
	test_path_open(&c);
	test_args_env(&c);
	test_fd_io(&c);
	test_fd_file(&c);
	test_paths(&c);
	test_readdir(&c);
	test_clock_random_misc(&c);
	test_poll(&c);
	test_modify(&c);
	test_times_links(&c);
	test_all_hostile(&c);
	teardown(&c);
	TEST_MAIN_END();
}
