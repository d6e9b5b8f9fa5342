// SPDX-License-Identifier: MIT
/*
 * ecc_standalone__write (compiler/ecc_standalone.c) and the stub lookup by
 * $ECC_STANDALONE_STUB: the written executable is the stub, the package and
 * a trailer the reader accepts, mode 0755, replaced atomically; and every
 * bad input (missing/empty package, missing stub, a stub that is not ELF or
 * already carries a package, an output path that cannot be written) gives a
 * message naming the file, a non-zero result and no output or temp file.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"
#include "ecc_standalone.h"
#include "rtmin_standalone.h"
#include "tassert.h"

static struct cmn_buf logged;

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		cmn_buf__puts(&logged, msg);
}

static bool logged_has(const char *s)
{
	bool yes = logged.ptr && strstr(logged.ptr, s);

	if (!yes)
		fprintf(stderr, "expected message \"%s\", logged: %s\n", s,
			logged.ptr ? logged.ptr : "(nothing)");
	return yes;
}

static const char pkg_text[] = "{\"bpf_object\":\"eJwDAAAAAAE=\",\"bpf_object_size\":0}\n";

struct fx {
	char *dir;
	char *stub; /* a real ELF file: a copy of this test */
	char *pkg;
	char *out;
};

static char *in_dir(const struct fx *f, const char *name)
{
	return cmn_asprintf("%s/%s", f->dir, name);
}

/* Entries in the directory: failed writes must not leave temp files. */
static int count_entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static int fx_init(struct fx *f)
{
	char *self = NULL;
	size_t len = 0;
	int err;

	f->dir = cmn_mkdtemp("test_standalone_write");
	if (!f->dir)
		return -errno;
	f->stub = in_dir(f, "stub");
	f->pkg = in_dir(f, "package.json");
	f->out = in_dir(f, "prog");
	err = cmn_read_file("/proc/self/exe", 256u << 20, &self, &len);
	err = err ?: cmn_write_file_atomic(f->stub, self, len, 0755);
	err = err ?: cmn_write_file_atomic(f->pkg, pkg_text, strlen(pkg_text), 0644);
	free(self);
	return err;
}

static void fx_free(struct fx *f)
{
	if (f->dir)
		cmn_rm_rf(f->dir);
	free(f->dir);
	free(f->stub);
	free(f->pkg);
	free(f->out);
}

static void test_write(const struct fx *f)
{
	struct rtmin_standalone *s = NULL;
	char *stub = NULL, *out = NULL, *got = NULL, *again = NULL;
	size_t stub_len = 0, out_len = 0, got_len = 0, again_len = 0;
	struct stat st;

	T_EQ_INT(0, ecc_standalone__write(f->pkg, f->stub, f->out));
	T_EQ_INT(0, stat(f->out, &st));
	T_EQ_INT(0755, st.st_mode & 07777);
	T_EQ_INT(0, cmn_read_file(f->stub, 256u << 20, &stub, &stub_len));
	T_EQ_INT(0, cmn_read_file(f->out, 256u << 20, &out, &out_len));
	T_EQ_INT(stub_len + strlen(pkg_text) + RTMIN_STANDALONE_TRAILER_SIZE, out_len);
	if (out_len > stub_len + strlen(pkg_text)) {
		T_EQ_MEM(stub, out, stub_len);
		T_EQ_MEM(pkg_text, out + stub_len, strlen(pkg_text));
	}
	T_EQ_INT(1, rtmin_standalone__open_file(f->out, &s));
	if (s) {
		T_EQ_INT(0, cmn_read_file(rtmin_standalone__path(s), 1 << 20, &got, &got_len));
		T_EQ_STR(pkg_text, got);
	}
	rtmin_standalone__close(s);
	/* Written again over the old one: same bytes (reproducible), no leftovers. */
	T_EQ_INT(0, chmod(f->out, 0600));
	T_EQ_INT(0, ecc_standalone__write(f->pkg, f->stub, f->out));
	T_EQ_INT(0, stat(f->out, &st));
	T_EQ_INT(0755, st.st_mode & 07777);
	T_EQ_INT(0, cmn_read_file(f->out, 256u << 20, &again, &again_len));
	T_EQ_INT(out_len, again_len);
	if (again && again_len == out_len)
		T_EQ_MEM(out, again, out_len);
	T_EQ_INT(3, count_entries(f->dir)); /* stub, package.json, prog */
	free(stub);
	free(out);
	free(again);
	free(got);
}

/* One failing call: result, the message, and nothing new in the directory. */
static void expect_fail(const struct fx *f, const char *pkg, const char *stub, const char *out,
			const char *msg)
{
	int before = count_entries(f->dir);

	cmn_buf__free(&logged);
	T_TRUE(ecc_standalone__write(pkg, stub, out) < 0);
	T_TRUE(logged_has(msg));
	T_EQ_INT(before, count_entries(f->dir));
}

static void test_bad_inputs(const struct fx *f)
{
	char *missing = in_dir(f, "missing"), *empty = in_dir(f, "empty.json"),
	     *text = in_dir(f, "not-elf"), *sub = in_dir(f, "sub"),
	     *deep = in_dir(f, "no/dir/prog"), *msg;

	T_EQ_INT(0, cmn_write_file_atomic(empty, "", 0, 0644));
	T_EQ_INT(0, cmn_write_file_atomic(text, "#!/bin/sh\necho hi\n", 18, 0755));
	T_EQ_INT(0, mkdir(sub, 0755));

	msg = cmn_asprintf("cannot read package %s", missing);
	expect_fail(f, missing, f->stub, f->out, msg);
	free(msg);
	msg = cmn_asprintf("package %s is empty", empty);
	expect_fail(f, empty, f->stub, f->out, msg);
	free(msg);
	msg = cmn_asprintf("cannot read stub %s", missing);
	expect_fail(f, f->pkg, missing, f->out, msg);
	free(msg);
	msg = cmn_asprintf("stub %s is not an ELF executable", text);
	expect_fail(f, f->pkg, text, f->out, msg);
	free(msg);
	/* The executable just written is not a stub. */
	T_EQ_INT(0, ecc_standalone__write(f->pkg, f->stub, f->out));
	msg = cmn_asprintf("stub %s already carries a package", f->out);
	expect_fail(f, f->pkg, f->out, missing, msg);
	free(msg);
	msg = cmn_asprintf("cannot write %s", sub);
	expect_fail(f, f->pkg, f->stub, sub, msg);
	free(msg);
	T_TRUE(cmn_is_dir(sub));
	msg = cmn_asprintf("cannot write %s", deep);
	expect_fail(f, f->pkg, f->stub, deep, msg);
	free(msg);
	free(missing);
	free(empty);
	free(text);
	free(sub);
	free(deep);
}

static void test_env_stub(const struct fx *f)
{
	char *missing = in_dir(f, "missing-stub"), *msg, *p;

	setenv("ECC_STANDALONE_STUB", missing, 1);
	cmn_buf__free(&logged);
	errno = 0;
	T_TRUE(ecc_standalone__find_stub() == NULL);
	T_EQ_INT(ENOENT, errno);
	msg = cmn_asprintf("ECC_STANDALONE_STUB=%s: no such file", missing);
	T_TRUE(logged_has(msg));
	free(msg);
	/* The writer reports the same and writes nothing. */
	expect_fail(f, f->pkg, NULL, missing, "ECC_STANDALONE_STUB=");
	/* A directory is not a stub either. */
	setenv("ECC_STANDALONE_STUB", f->dir, 1);
	T_TRUE(ecc_standalone__find_stub() == NULL);

	setenv("ECC_STANDALONE_STUB", f->stub, 1);
	p = ecc_standalone__find_stub();
	T_EQ_STR(f->stub, p);
	free(p);
	T_EQ_INT(0, remove(f->out));
	T_EQ_INT(0, ecc_standalone__write(f->pkg, NULL, f->out));
	T_TRUE(cmn_file_exists(f->out));
	unsetenv("ECC_STANDALONE_STUB");
	free(missing);
}

int main(void)
{
	struct fx f = {0};

	if (fx_init(&f)) {
		perror("fixture");
		fx_free(&f);
		return 1;
	}
	cmn_set_print(capture);
	test_write(&f);
	test_bad_inputs(&f);
	test_env_stub(&f);
	cmn_set_print(NULL);
	fx_free(&f);
	cmn_buf__free(&logged);
	TEST_MAIN_END();
}
