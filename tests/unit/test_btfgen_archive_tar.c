// SPDX-License-Identifier: MIT
/*
 * The pieces of tailored BTF archives that need no kernel: the reproducible
 * tar writer (names, order, long names, mtime), .btf.tar.xz extraction
 * errors, and which program sections need the kernel's full BTF.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include "common.h"
#include "btfgen_archive.h"
#include "rtmin_btfarchive.h"
#include "tassert.h"

static struct cmn_buf logged;

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		cmn_buf__puts(&logged, msg);
}

static bool logged_has(const char *s)
{
	return logged.ptr && strstr(logged.ptr, s);
}

static void log_reset(void)
{
	cmn_buf__free(&logged);
}

static void test_tar_writer_refuses(void)
{
	struct btfgen_tar *t = btfgen_tar__new();

	log_reset();
	T_EQ_INT(-EINVAL, btfgen_tar__add(t, "../x", "a", 1));
	T_EQ_INT(-EINVAL, btfgen_tar__add(t, "/abs", "a", 1));
	T_EQ_INT(-EINVAL, btfgen_tar__add(t, "a//b", "a", 1));
	T_EQ_INT(-EINVAL, btfgen_tar__add(t, "a/./b", "a", 1));
	T_EQ_INT(-EINVAL, btfgen_tar__add(t, "dir/", "a", 1));
	T_EQ_INT(0, btfgen_tar__add(t, "a/b", "a", 1));
	T_EQ_INT(-EEXIST, btfgen_tar__add(t, "a/b", "b", 1));
	btfgen_tar__free(t);
}

static void test_prog_needs_full_btf(void)
{
	static const char *const full[] = {
	    "iter/task",  "iter.s/task_file",	    "tp_btf/sched_switch", "fentry/do_unlinkat",
	    "fentry.s/x", "fexit/do_exit",	    "fmod_ret/x",	   "lsm/file_open",
	    "lsm.s/bprm", "lsm_cgroup/socket_bind", "struct_ops/tcp_init", "struct_ops",
	    "fentry",
	};
	static const char *const core_only[] = {
	    "tp/sched/sched_process_exec",
	    "tracepoint/syscalls/sys_enter_openat",
	    "raw_tp/sched_switch",
	    "kprobe/do_unlinkat",
	    "uprobe//bin/bash:readline",
	    "xdp",
	    "tc",
	    "iterx",
	    "fentryx/y",
	    "lsmx",
	    "",
	    "socket",
	};
	size_t i;

	for (i = 0; i < sizeof(full) / sizeof(full[0]); i++)
		if (!rtmin_btfarchive__prog_needs_full_btf(full[i]))
			T_FAIL_AT("%s needs full BTF", full[i]);
		else
			t_pass++;
	for (i = 0; i < sizeof(core_only) / sizeof(core_only[0]); i++)
		if (rtmin_btfarchive__prog_needs_full_btf(core_only[i]))
			T_FAIL_AT("%s does not need full BTF", core_only[i]);
		else
			t_pass++;
	T_TRUE(!rtmin_btfarchive__prog_needs_full_btf(NULL));
}

/* Names in the order read back, joined by '\n'; mtime of the first. */
static char *list_names(const char *path, long long *mtime)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct cmn_buf b = {0};
	bool first = true;

	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, path, 65536) == ARCHIVE_OK) {
		while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
			if (first && mtime)
				*mtime = (long long)archive_entry_mtime(e);
			first = false;
			cmn_buf__printf(&b, "%s\n", archive_entry_pathname(e));
		}
	}
	archive_read_free(a);
	if (!b.ptr)
		cmn_buf__puts(&b, "");
	return cmn_buf__steal(&b, NULL);
}

static int write_tar(const char *path, const char *const *names, size_t n)
{
	struct btfgen_tar *t = btfgen_tar__new();
	size_t i;
	int err = t ? 0 : -ENOMEM;

	for (i = 0; i < n && !err; i++)
		err = btfgen_tar__add(t, names[i], names[i], strlen(names[i]));
	if (!err)
		err = btfgen_tar__write(t, path);
	btfgen_tar__free(t);
	return err;
}

static bool same_bytes(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t xl = 0, yl = 0;
	bool same = !cmn_read_file(a, 1 << 24, &x, &xl) && !cmn_read_file(b, 1 << 24, &y, &yl) &&
		    xl == yl && !memcmp(x, y, xl);

	free(x);
	free(y);
	return same;
}

static void test_tar_writer(const char *tmp)
{
	char longname[400];
	const char *fwd[] = {"b/x.btf", "a", longname, "package.json"};
	const char *rev[] = {"package.json", longname, "a", "b/x.btf"};
	char *p1 = cmn_asprintf("%s/1.tar", tmp), *p2 = cmn_asprintf("%s/2.tar", tmp);
	char *p3 = cmn_asprintf("%s/3.tar", tmp), *names, *want;
	long long mtime = -1;

	memset(longname, 0, sizeof(longname));
	strcpy(longname, "btfhub-archive/");
	memset(longname + strlen(longname), 'k', 300); /* past ustar's 255 */
	strcat(longname, ".btf");
	unsetenv("SOURCE_DATE_EPOCH");
	T_EQ_INT(0, write_tar(p1, fwd, 4));
	T_EQ_INT(0, write_tar(p2, rev, 4));
	T_TRUE(same_bytes(p1, p2)); /* order of adding does not matter */
	names = list_names(p1, &mtime);
	want = cmn_asprintf("a\nb/x.btf\n%s\npackage.json\n", longname);
	T_EQ_STR(want, names);
	T_EQ_INT(0, mtime);
	free(names);
	free(want);
	/* a SOURCE_DATE_EPOCH that is not a plain number is ignored */
	setenv("SOURCE_DATE_EPOCH", "12abc", 1);
	T_EQ_INT(0, write_tar(p3, fwd, 4));
	T_TRUE(same_bytes(p1, p3));
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	T_EQ_INT(0, write_tar(p3, fwd, 4));
	free(list_names(p3, &mtime));
	T_EQ_INT(86400, mtime);
	unsetenv("SOURCE_DATE_EPOCH");
	/* an empty tar is still a tar; writing into a missing dir names it */
	T_EQ_INT(0, write_tar(p3, NULL, 0));
	names = list_names(p3, NULL);
	T_EQ_STR("", names);
	free(names);
	free(p3);
	p3 = cmn_asprintf("%s/no-such-dir/x.tar", tmp);
	log_reset();
	T_TRUE(write_tar(p3, fwd, 4) < 0);
	T_TRUE(logged_has(p3));
	free(p1);
	free(p2);
	free(p3);
}

/* A tar.xz holding only a directory, written with libarchive. */
static int dir_only_xz(const char *path)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	int err = 0;

	if (archive_write_set_format_ustar(a) || archive_write_add_filter_xz(a) ||
	    archive_write_open_filename(a, path))
		err = -EIO;
	if (!err) {
		archive_entry_set_pathname(e, "5.4.0/");
		archive_entry_set_filetype(e, AE_IFDIR);
		archive_entry_set_perm(e, 0755);
		if (archive_write_header(a, e))
			err = -EIO;
	}
	archive_write_close(a);
	archive_entry_free(e);
	archive_write_free(a);
	return err;
}

static void test_extract_xz_errors(const char *tmp)
{
	char *missing = cmn_asprintf("%s/none.btf.tar.xz", tmp);
	char *dir = cmn_asprintf("%s/dir.btf.tar.xz", tmp), *out = cmn_asprintf("%s/o.btf", tmp);

	log_reset();
	T_EQ_INT(-ENOENT, btfgen_archive__extract_xz(missing, out));
	T_TRUE(logged_has(missing));
	T_EQ_INT(0, dir_only_xz(dir));
	log_reset();
	T_EQ_INT(-EINVAL, btfgen_archive__extract_xz(dir, out));
	T_TRUE(logged_has("holds no file"));
	T_TRUE(!cmn_file_exists(out));
	/* a plain (uncompressed) tar under the .btf.tar.xz name */
	{
		const char *names[] = {"5.4.0.btf"};

		T_EQ_INT(0, write_tar(dir, names, 1));
		log_reset();
		T_EQ_INT(-EINVAL, btfgen_archive__extract_xz(dir, out));
		T_TRUE(logged_has("not xz-compressed") && logged_has(dir));
		T_TRUE(!cmn_file_exists(out));
	}
	free(missing);
	free(dir);
	free(out);
}

static void test_is_archive(const char *tmp)
{
	const char *names[] = {"package.json"};
	char *p = cmn_asprintf("%s/sniff.tar", tmp), *data = NULL;
	char text[600];
	size_t len = 0;

	T_EQ_INT(0, write_tar(p, names, 1));
	T_EQ_INT(0, cmn_read_file(p, 1 << 20, &data, &len));
	T_TRUE(rtmin_btfarchive__is_archive(data, len));
	T_TRUE(!rtmin_btfarchive__is_archive(data, 511));
	data[0] ^= 1; /* the checksum no longer matches */
	T_TRUE(!rtmin_btfarchive__is_archive(data, len));
	/* base64 text in a package.json that has "ustar" at 257 */
	memset(text, 'A', sizeof(text));
	memcpy(text, "{\"bpf_object\":\"", 15);
	memcpy(text + 257, "ustar", 5);
	T_TRUE(!rtmin_btfarchive__is_archive(text, sizeof(text)));
	T_TRUE(!rtmin_btfarchive__is_archive(NULL, 0));
	free(data);
	free(p);
}

int main(void)
{
	char *tmp = cmn_mkdtemp("test-btfgen-tar");

	cmn_set_print(capture);
	test_prog_needs_full_btf();
	test_tar_writer_refuses();
	if (tmp) {
		test_tar_writer(tmp);
		test_extract_xz_errors(tmp);
		test_is_archive(tmp);
		cmn_rm_rf(tmp);
	} else {
		T_FAIL_AT("mkdtemp: %s", strerror(errno));
	}
	free(tmp);
	log_reset();
	TEST_MAIN_END();
}
