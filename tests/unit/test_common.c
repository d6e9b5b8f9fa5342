// SPDX-License-Identifier: MIT
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/resource.h>
#include "common.h"
#include "tassert.h"

static void test_base64(void)
{
	static const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	void *dec;
	size_t i, n;
	char *s;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		T_EQ_INT(0, cmn_base64_encode(plain[i], strlen(plain[i]), &s, &n));
		T_EQ_STR(enc[i], s);
		free(s);
		T_EQ_INT(0, cmn_base64_decode(enc[i], strlen(enc[i]), &dec, &n));
		T_EQ_INT(strlen(plain[i]), n);
		T_EQ_MEM(plain[i], dec, n);
		free(dec);
	}
	T_EQ_INT(-EINVAL, cmn_base64_decode("Zm9", 3, &dec, &n));
	T_EQ_INT(-EINVAL, cmn_base64_decode("Zm9v\nYmFy", 9, &dec, &n));
	T_EQ_INT(-EINVAL, cmn_base64_decode("Z*9v", 4, &dec, &n));
	T_EQ_INT(-EINVAL, cmn_base64_decode("Z=9v", 4, &dec, &n));
}

static void test_zlib(void)
{
	char big[100000];
	void *z, *out;
	size_t zn, n;

	memset(big, 'a', sizeof(big));
	T_EQ_INT(0, cmn_zlib_compress(big, sizeof(big), &z, &zn));
	T_TRUE(zn < 1000);
	T_EQ_INT(0, cmn_zlib_inflate(z, zn, sizeof(big), &out, &n));
	T_EQ_INT(sizeof(big), n);
	T_EQ_MEM(big, out, n);
	free(out);
	/* the cap is absolute: one byte short refuses */
	T_EQ_INT(-EFBIG, cmn_zlib_inflate(z, zn, sizeof(big) - 1, &out, &n));
	/* truncated stream */
	T_EQ_INT(-EINVAL, cmn_zlib_inflate(z, zn / 2, sizeof(big), &out, &n));
	/* garbage */
	T_EQ_INT(-EINVAL, cmn_zlib_inflate("hello world", 11, 100, &out, &n));
	free(z);
}

static int count_entries(const char *path)
{
	struct dirent *e;
	DIR *d = opendir(path);
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void test_files(void)
{
	char *dir = cmn_mkdtemp("ecc-test");
	char *p, *data;
	size_t n;

	T_TRUE(dir != NULL);
	p = cmn_asprintf("%s/a/b/c", dir);
	T_EQ_INT(0, cmn_mkdir_p(p, 0755));
	T_TRUE(cmn_is_dir(p));
	free(p);
	p = cmn_asprintf("%s/a/file", dir);
	T_EQ_INT(0, cmn_write_file_atomic(p, "xyz", 3, 0644));
	T_EQ_INT(0, cmn_read_file(p, 100, &data, &n));
	T_EQ_STR("xyz", data);
	free(data);
	T_EQ_INT(-EFBIG, cmn_read_file(p, 2, &data, &n));
	/* a new file only: an existing one is kept as it is */
	T_EQ_INT(-EEXIST, cmn_write_file_new(p, "abc", 3, 0644));
	T_EQ_INT(0, cmn_read_file(p, 100, &data, &n));
	T_EQ_STR("xyz", data);
	free(data);
	free(p);
	p = cmn_asprintf("%s/a/new", dir);
	T_EQ_INT(0, cmn_write_file_new(p, "abc", 3, 0600));
	T_EQ_INT(0, cmn_read_file(p, 100, &data, &n));
	T_EQ_STR("abc", data);
	free(data);
	free(p);
	p = cmn_asprintf("%s/a", dir);
	T_EQ_INT(0, count_entries(p) == 3 ? 0 : -1); /* b, file, new: no temp file left */
	free(p);
	p = cmn_asprintf("%s/a/file/sub", dir);
	T_EQ_INT(-ENOTDIR, cmn_mkdir_p(p, 0755));
	free(p);
	/* an empty path (ecc -o "") is refused without reading past its end */
	T_EQ_INT(-ENOENT, cmn_mkdir_p("", 0755));
	T_EQ_INT(-ENOENT, cmn_read_file("/nonexistent/x", 10, &data, &n));
	T_EQ_INT(0, cmn_rm_rf(dir));
	T_TRUE(!cmn_is_dir(dir));
	free(dir);
}

static void test_proc(void)
{
	char *argv[] = {"sh", "-c", "echo out; echo err >&2; exit 3", NULL};
	char *bad[] = {"/nonexistent/prog", NULL};
	struct cmn_proc_result r;
	char *s;

	T_EQ_INT(0, cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR, &r));
	T_EQ_INT(3, r.status);
	T_EQ_STR("out\n", r.out);
	T_EQ_STR("err\n", r.err);
	cmn_proc_result__free(&r);
	T_TRUE(cmn_proc_run(bad, 0, &r) < 0);
	s = cmn_argv_to_string(argv);
	T_EQ_STR("sh -c 'echo out; echo err >&2; exit 3'", s);
	free(s);
}

/* A pipe that cannot be made (EMFILE) leaves no fd of the other one open. */
static void test_proc_no_fd_leak(void)
{
	char *argv[] = {"true", NULL};
	struct cmn_proc_result r;
	struct rlimit old, lim;
	int lowest, a, b;

	lowest = dup(0);
	T_TRUE(lowest >= 0);
	close(lowest);
	T_EQ_INT(0, getrlimit(RLIMIT_NOFILE, &old));
	lim = old;
	lim.rlim_cur = (rlim_t)lowest + 2; /* room for the stdout pipe only */
	T_EQ_INT(0, setrlimit(RLIMIT_NOFILE, &lim));
	T_EQ_INT(-EMFILE, cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR, &r));
	a = dup(0);
	b = dup(0);
	T_TRUE(a >= 0 && b >= 0);
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	T_EQ_INT(0, setrlimit(RLIMIT_NOFILE, &old));
}

static void test_which(void)
{
	char *dir = cmn_mkdtemp("ecc-which"), *exe, *p, *old = getenv("PATH");
	char *saved = old ? cmn_strdup(old) : NULL;

	exe = cmn_asprintf("%s/tool", dir);
	T_EQ_INT(0, cmn_write_file_atomic(exe, "#!/bin/sh\n", 10, 0755));
	p = cmn_asprintf("/nonexistent::%s", dir);
	setenv("PATH", p, 1);
	free(p);
	p = cmn_which("tool");
	T_EQ_STR(exe, p);
	free(p);
	errno = 0;
	T_TRUE(cmn_which("no-such-tool-here") == NULL && errno == ENOENT);
	T_EQ_INT(0, chmod(exe, 0644));
	T_TRUE(cmn_which("tool") == NULL);
	T_TRUE(cmn_which(exe) == NULL);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	free(exe);
	cmn_rm_rf(dir);
	free(dir);
}

static char last_msg[256];
static void capture(enum cmn_log_level level, const char *msg)
{
	snprintf(last_msg, sizeof(last_msg), "%d:%s", (int)level, msg);
}

static void test_log(void)
{
	cmn_set_print(capture);
	errno = 42;
	pr_warn("file %s line %d\n", "x.c", 7);
	T_EQ_INT(42, errno);
	T_EQ_STR("0:file x.c line 7\n", last_msg);
	cmn_set_print(NULL);
}

int main(void)
{
	test_base64();
	test_zlib();
	test_files();
	test_proc();
	test_which();
	test_proc_no_fd_leak();
	test_log();
	TEST_MAIN_END();
}
