// SPDX-License-Identifier: MIT
/*
 * Tailored BTF archives end to end: a fake btfhub-archive tree made from this
 * machine's /sys/kernel/btf/vmlinux (plain and .btf.tar.xz), packed with a
 * CO-RE object compiled at build time; the tar's layout, reproducibility and
 * sizes; picking the BTF the way ecli does (fixture os-release, fake uname)
 * and loading the object with the tailored BTF; and every error path.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "btfgen_archive.h"
#include "rtmin_btfarchive.h"
#include "tassert.h"

#define KERNEL_BTF "/sys/kernel/btf/vmlinux"

/* Messages logged through the hook, so tests can check what the user sees. */
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

struct fixture {
	char *tmp;  /* everything below lives here */
	char *arch; /* the fake btfhub-archive tree */
	char *obj;  /* the CO-RE object (copied) */
	char *pkg;  /* its package.json */
	char *osr;  /* os-release fixtures dir */
	size_t kernel_size;
};

static char *path_in(const char *dir, const char *name)
{
	return cmn_asprintf("%s/%s", dir, name);
}

static int write_text(const char *path, const char *text)
{
	return cmn_write_file_atomic(path, text, strlen(text), 0644);
}

static int copy_file(const char *src, const char *dst)
{
	char *data;
	size_t len;
	int err = cmn_read_file(src, 1u << 30, &data, &len);

	if (err)
		return err;
	err = cmn_write_file_atomic(dst, data, len, 0644);
	free(data);
	return err;
}

/* A btfhub-style .btf.tar.xz: one member <kernel>.btf, xz-compressed tar. */
static int make_btf_xz(const char *src, const char *dst, const char *member)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	char *data = NULL;
	size_t len;
	int err = cmn_read_file(src, 1u << 30, &data, &len);

	if (!err && (archive_write_set_format_ustar(a) || archive_write_add_filter_xz(a) ||
		     archive_write_open_filename(a, dst)))
		err = -EIO;
	if (!err) {
		archive_entry_set_pathname(e, member);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)len);
		if (archive_write_header(a, e) ||
		    archive_write_data(a, data, len) != (la_ssize_t)len)
			err = -EIO;
	}
	if (archive_write_close(a))
		err = err ? err : -EIO;
	archive_entry_free(e);
	archive_write_free(a);
	free(data);
	return err;
}

static int mkdirs_and_copy(const struct fixture *f, const char *rel, const char *src)
{
	char *dst = path_in(f->arch, rel), *slash;
	int err;

	slash = strrchr(dst, '/');
	*slash = '\0';
	err = cmn_mkdir_p(dst, 0755);
	*slash = '/';
	if (!err)
		err = copy_file(src, dst);
	free(dst);
	return err;
}

/* The real package.json for the object: zlib + base64, size, minimal meta. */
static int write_package(const char *obj, const char *out)
{
	char *data = NULL, *b64 = NULL, *json = NULL;
	void *z = NULL;
	size_t len, zlen, blen;
	int err;

	err = cmn_read_file(obj, 1u << 26, &data, &len);
	if (!err)
		err = cmn_zlib_compress(data, len, &z, &zlen);
	if (!err)
		err = cmn_base64_encode(z, zlen, &b64, &blen);
	if (!err) {
		json = cmn_asprintf(
		    "{\"bpf_object\":\"%s\",\"bpf_object_size\":%zu,\"meta\":"
		    "{\"bpf_skel\":{\"obj_name\":\"core_probe_bpf\",\"maps\":[],"
		    "\"progs\":[],\"data_sections\":[]},\"eunomia_version\":\"0.1.0\"}}",
		    b64, len);
		err = json ? write_text(out, json) : -ENOMEM;
	}
	free(data);
	free(z);
	free(b64);
	free(json);
	return err;
}

static int setup(struct fixture *f)
{
	struct stat st;
	char *xz_dst = NULL;
	int err = 0;

	f->tmp = cmn_mkdtemp("test-btfgen");
	if (!f->tmp || stat(KERNEL_BTF, &st) < 0)
		return -errno;
	f->kernel_size = (size_t)st.st_size;
	f->arch = path_in(f->tmp, "btfhub-archive");
	f->obj = path_in(f->tmp, "core_probe.bpf.o");
	f->pkg = path_in(f->tmp, "package.json");
	f->osr = path_in(f->tmp, "osr");
	err = copy_file(BTFGEN_T_OBJ, f->obj);
	err = err ? err : write_package(f->obj, f->pkg);
	err = err ? err : cmn_mkdir_p(f->osr, 0755);
	err = err ? err : mkdirs_and_copy(f, "ubuntu/20.04/x86_64/5.4.0-fake-1.btf", KERNEL_BTF);
	err = err ? err : mkdirs_and_copy(f, "centos/8/x86_64/4.18.0-fake.btf", KERNEL_BTF);
	err = err ? err : mkdirs_and_copy(f, "debian/12/arm64/6.1.0-fake.btf", KERNEL_BTF);
	/* ubuntu 22.04 comes compressed, as most of btfhub-archive does; the
	 * README next to it must be ignored */
	if (!err) {
		xz_dst = path_in(f->arch, "ubuntu/22.04/x86_64/5.15.0-fake-2.btf.tar.xz");
		err = mkdirs_and_copy(f, "ubuntu/22.04/x86_64/README", "/dev/null");
		err = err ? err : make_btf_xz(KERNEL_BTF, xz_dst, "5.15.0-fake-2.btf");
	}
	free(xz_dst);
	return err;
}

static void teardown(struct fixture *f)
{
	if (f->tmp)
		cmn_rm_rf(f->tmp);
	free(f->tmp);
	free(f->arch);
	free(f->obj);
	free(f->pkg);
	free(f->osr);
}

static int pack(const struct fixture *f, const char *arch_dir, const char *out, int jobs)
{
	struct btfgen_archive_opts o = {
	    .bpf_obj_path = f->obj,
	    .package_json = f->pkg,
	    .archive_dir = arch_dir,
	    .out_tar = out,
	    .bpftool_bin = BTFGEN_T_BPFTOOL[0] ? BTFGEN_T_BPFTOOL : NULL,
	    .jobs = jobs,
	};

	return btfgen_archive__pack(&o);
}

/* ---- reading a tar back ------------------------------------------------ */

struct tar_item {
	char name[256];
	size_t size;
	long long mtime;
	int uid, gid, mode;
	char *data;
};

static int tar_list(const char *path, struct tar_item *items, size_t max, size_t *cnt)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int err = 0;

	*cnt = 0;
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, path, 65536)) {
		archive_read_free(a);
		return -EINVAL;
	}
	while (archive_read_next_header(a, &e) == ARCHIVE_OK && *cnt < max) {
		struct tar_item *it = &items[(*cnt)++];

		snprintf(it->name, sizeof(it->name), "%s", archive_entry_pathname(e));
		it->size = (size_t)archive_entry_size(e);
		it->mtime = (long long)archive_entry_mtime(e);
		it->uid = (int)archive_entry_uid(e);
		it->gid = (int)archive_entry_gid(e);
		it->mode = (int)archive_entry_perm(e);
		it->data = malloc(it->size + 1);
		if (!it->data || archive_read_data(a, it->data, it->size) != (la_ssize_t)it->size)
			err = -EIO;
	}
	archive_read_free(a);
	return err;
}

static void tar_items_free(struct tar_item *items, size_t cnt)
{
	while (cnt--)
		free(items[cnt].data);
}

static bool same_file_bytes(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t xl = 0, yl = 0;
	bool same;

	same = !cmn_read_file(a, 1u << 30, &x, &xl) && !cmn_read_file(b, 1u << 30, &y, &yl) &&
	       xl == yl && memcmp(x, y, xl) == 0;
	free(x);
	free(y);
	return same;
}

static bool file_equals_mem(const char *path, const void *data, size_t len)
{
	char *x = NULL;
	size_t xl = 0;
	bool same = !cmn_read_file(path, 1u << 30, &x, &xl) && xl == len && !memcmp(x, data, len);

	free(x);
	return same;
}

/* ---- packing ----------------------------------------------------------- */

static const char *const expected_names[] = {
    "btfhub-archive/centos/8/x86_64/4.18.0-fake.btf",
    "btfhub-archive/debian/12/arm64/6.1.0-fake.btf",
    "btfhub-archive/ubuntu/20.04/x86_64/5.4.0-fake-1.btf",
    "btfhub-archive/ubuntu/22.04/x86_64/5.15.0-fake-2.btf",
    "core_probe.bpf.o",
    "package.json",
};
#define N_EXPECTED (sizeof(expected_names) / sizeof(expected_names[0]))
#define N_KERNELS 4

/* A tailored BTF must parse and hold what the object's relocations need. */
static void check_tailored(const struct tar_item *it, size_t kernel_size)
{
	struct btf *btf;

	T_TRUE(it->size > 0);
	/* the whole point: a few hundred bytes instead of megabytes */
	if (it->size * 50 >= kernel_size)
		T_FAIL_AT("%s: %zu bytes is not 50x smaller than %zu", it->name, it->size,
			  kernel_size);
	btf = btf__new(it->data, (__u32)it->size);
	T_TRUE(btf != NULL);
	if (!btf)
		return;
	T_TRUE(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT) > 0);
	btf__free(btf);
}

static void test_pack_layout(const struct fixture *f, const char *out1)
{
	struct tar_item items[16];
	char *out2 = path_in(f->tmp, "again.tar");
	size_t cnt = 0, i;

	log_reset();
	T_EQ_INT(0, pack(f, f->arch, out1, 2));
	T_EQ_INT(0, pack(f, f->arch, out2, 1));
	T_TRUE(same_file_bytes(out1, out2)); /* reproducible, whatever the job count */
	T_EQ_INT(0, tar_list(out1, items, 16, &cnt));
	T_EQ_INT(N_EXPECTED, cnt);
	for (i = 0; i < cnt && i < N_EXPECTED; i++) {
		T_EQ_STR(expected_names[i], items[i].name);
		T_EQ_INT(0, items[i].uid);
		T_EQ_INT(0, items[i].gid);
		T_EQ_INT(0644, items[i].mode);
		T_EQ_INT(0, items[i].mtime);
	}
	if (cnt == N_EXPECTED) {
		for (i = 0; i < N_KERNELS; i++)
			check_tailored(&items[i], f->kernel_size);
		/* same input BTF everywhere: the tailored files agree */
		T_EQ_INT(items[0].size, items[3].size);
		T_EQ_MEM(items[0].data, items[3].data, items[0].size);
		T_TRUE(file_equals_mem(f->obj, items[4].data, items[4].size));
		T_TRUE(file_equals_mem(f->pkg, items[5].data, items[5].size));
	}
	tar_items_free(items, cnt);
	free(out2);
}

/* GNU tar (what users and eunomia's tooling meet) reads it without a warning. */
static void test_gnu_tar(const struct fixture *f, const char *tar)
{
	char *dir = path_in(f->tmp, "gnutar"), *btf = NULL;
	char *argv[] = {"tar", "-xf", (char *)tar, "-C", dir, NULL};
	struct cmn_proc_result r;

	cmn_mkdir_p(dir, 0755);
	if (cmn_proc_run(argv, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r)) {
		printf("SKIP gnu tar check: tar not found\n");
		free(dir);
		return;
	}
	T_EQ_INT(0, r.status);
	T_EQ_STR("", r.err ? r.err : "(none)");
	btf = path_in(dir, "btfhub-archive/ubuntu/22.04/x86_64/5.15.0-fake-2.btf");
	T_TRUE(cmn_file_exists(btf));
	cmn_proc_result__free(&r);
	free(btf);
	free(dir);
}

static void test_source_date_epoch(const struct fixture *f, const char *tar)
{
	struct tar_item items[16];
	char *out = path_in(f->tmp, "sde.tar");
	size_t cnt = 0;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	T_EQ_INT(0, pack(f, f->arch, out, 0));
	unsetenv("SOURCE_DATE_EPOCH");
	T_EQ_INT(0, tar_list(out, items, 16, &cnt));
	T_EQ_INT(N_EXPECTED, cnt);
	if (cnt)
		T_EQ_INT(1700000000, items[0].mtime);
	T_TRUE(!same_file_bytes(out, tar));
	tar_items_free(items, cnt);
	free(out);
}

/* 22 kernels (symlinks to one BTF): the long-run progress line appears. */
static void test_progress(const struct fixture *f)
{
	char *dir = path_in(f->tmp, "many"), *sub = path_in(dir, "ubuntu/20.04/x86_64");
	char *out = path_in(f->tmp, "many.tar");
	struct tar_item items[32];
	size_t cnt = 0;
	int i;

	cmn_mkdir_p(sub, 0755);
	for (i = 0; i < 22; i++) {
		char *k = cmn_asprintf("%s/5.4.0-%02d-generic.btf", sub, i);

		T_EQ_INT(0, symlink(KERNEL_BTF, k));
		free(k);
	}
	log_reset();
	T_EQ_INT(0, pack(f, dir, out, 2));
	T_TRUE(logged_has("22/22 kernels done"));
	T_EQ_INT(0, tar_list(out, items, 32, &cnt));
	T_EQ_INT(24, cnt);
	tar_items_free(items, cnt);
	free(out);
	free(sub);
	free(dir);
}

/* ---- picking the BTF ---------------------------------------------------- */

static char *os_release(const struct fixture *f, const char *name, const char *text)
{
	char *p = path_in(f->osr, name);

	if (p && write_text(p, text)) {
		free(p);
		return NULL;
	}
	return p;
}

static struct rtmin_btfarchive *open_as(const char *tar, const char *osr, const char *mach,
					const char *rel)
{
	struct rtmin_btfarchive_opts o = {
	    .force_tailored = true,
	    .os_release = osr,
	    .uname_machine = mach,
	    .uname_release = rel,
	};

	return rtmin_btfarchive__open(tar, &o);
}

/* The tar entry `name`'s bytes equal the file at `path`. */
static bool entry_equals_file(const char *tar, const char *name, const char *path)
{
	struct tar_item items[64];
	size_t cnt = 0, i;
	bool same = false;

	if (!tar_list(tar, items, 64, &cnt))
		for (i = 0; i < cnt; i++)
			if (!strcmp(items[i].name, name))
				same = file_equals_mem(path, items[i].data, items[i].size);
	tar_items_free(items, cnt);
	return same;
}

/* Load the object with the tailored BTF standing in for the kernel's. */
static void test_load(const struct fixture *f, const char *btf_path)
{
	struct bpf_object *obj;
	int err;

	if (geteuid() != 0) {
		printf("SKIP load with tailored BTF: needs root to load BPF programs\n");
		return;
	}
	LIBBPF_OPTS(bpf_object_open_opts, oo, .btf_custom_path = btf_path);
	obj = bpf_object__open_file(f->obj, &oo);
	T_TRUE(obj != NULL);
	if (!obj)
		return;
	err = bpf_object__load(obj);
	T_EQ_INT(0, err);
	bpf_object__close(obj);

	/* control: libbpf really takes its CO-RE types from that path */
	LIBBPF_OPTS(bpf_object_open_opts, bad, .btf_custom_path = f->pkg);
	obj = bpf_object__open_file(f->obj, &bad);
	T_TRUE(obj != NULL);
	if (obj) {
		T_TRUE(bpf_object__load(obj) != 0);
		bpf_object__close(obj);
	}
}

static void test_pick_tailored(const struct fixture *f, const char *tar)
{
	char *ubuntu = os_release(f, "ubuntu",
				  "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\n"
				  "ID=ubuntu\nID_LIKE=debian\n");
	char *debian = os_release(f, "debian",
				  "PRETTY_NAME=\"Debian GNU/Linux 12\"\n"
				  "ID=debian\nVERSION_ID='12'\n");
	struct rtmin_btfarchive *a;
	const char *btf, *pkg;
	char *dir = NULL;
	size_t len = 0;

	a = open_as(tar, ubuntu, "x86_64", "5.15.0-fake-2");
	T_TRUE(a != NULL);
	if (a) {
		btf = rtmin_btfarchive__btf_path(a);
		T_TRUE(btf && cmn_file_exists(btf));
		T_TRUE(rtmin_btfarchive__is_tailored(a));
		T_TRUE(entry_equals_file(tar, expected_names[3], btf));
		pkg = rtmin_btfarchive__package(a, &len);
		T_TRUE(pkg && file_equals_mem(f->pkg, pkg, len));
		T_EQ_INT(strlen(pkg), len);
		test_load(f, btf);
		dir = cmn_strdup(btf);
		*strrchr(dir, '/') = '\0';
		rtmin_btfarchive__close(a);
		T_TRUE(!cmn_is_dir(dir)); /* the private copy goes with the handle */
		free(dir);
	}
	/* aarch64 is btfhub's arm64 */
	a = open_as(tar, debian, "aarch64", "6.1.0-fake");
	T_TRUE(a != NULL);
	if (a)
		T_TRUE(entry_equals_file(tar, expected_names[1], rtmin_btfarchive__btf_path(a)));
	rtmin_btfarchive__close(a);
	free(ubuntu);
	free(debian);
}

static void test_pick_errors(const struct fixture *f, const char *tar)
{
	char *fedora = os_release(f, "fedora", "ID=fedora\nVERSION_ID=39\n");
	char *ubuntu = os_release(f, "ubuntu", "ID=ubuntu\nVERSION_ID=\"22.04\"\n");
	char *noversion = os_release(f, "arch", "ID=arch\nBUILD_ID=rolling\n");
	char *missing = path_in(f->osr, "nonexistent");
	struct rtmin_btfarchive *a;

	log_reset();
	a = open_as(tar, fedora, "x86_64", "6.5.6-300.fc39.x86_64");
	T_TRUE(a == NULL);
	T_EQ_INT(ENOENT, errno);
	T_TRUE(logged_has("fedora/39/x86_64/6.5.6-300.fc39.x86_64"));
	T_TRUE(logged_has(tar));

	log_reset();
	a = open_as(tar, ubuntu, "x86_64", "5.15.0-other");
	T_TRUE(a == NULL);
	T_EQ_INT(ENOENT, errno);
	T_TRUE(logged_has("ubuntu/22.04/x86_64/5.15.0-other"));

	log_reset();
	a = open_as(tar, noversion, "x86_64", "6.6.1-arch1");
	T_TRUE(a == NULL);
	T_EQ_INT(EINVAL, errno);
	T_TRUE(logged_has(noversion));

	log_reset();
	a = open_as(tar, missing, "x86_64", "6.6.1");
	T_TRUE(a == NULL);
	T_EQ_INT(ENOENT, errno);
	T_TRUE(logged_has(missing));
	free(fedora);
	free(ubuntu);
	free(noversion);
	free(missing);
}

static void test_pick_kernel_and_override(const struct fixture *f, const char *tar)
{
	struct rtmin_btfarchive_opts o = {0};
	struct rtmin_btfarchive *a;
	char *gone = path_in(f->tmp, "no-such.btf");

	if (cmn_file_exists(KERNEL_BTF)) {
		a = rtmin_btfarchive__open(tar, &o);
		T_TRUE(a != NULL);
		if (a) {
			T_TRUE(rtmin_btfarchive__btf_path(a) == NULL);
			T_TRUE(!rtmin_btfarchive__is_tailored(a));
			T_TRUE(rtmin_btfarchive__package(a, NULL) != NULL);
		}
		rtmin_btfarchive__close(a);
	} else {
		printf("SKIP kernel-BTF pick: %s is absent here\n", KERNEL_BTF);
	}
	o.force_tailored = true; /* an override wins even then */
	o.btf_override = f->obj;
	a = rtmin_btfarchive__open(tar, &o);
	T_TRUE(a && !strcmp(rtmin_btfarchive__btf_path(a), f->obj));
	T_TRUE(a && !rtmin_btfarchive__is_tailored(a));
	rtmin_btfarchive__close(a);

	o.btf_override = NULL;
	setenv("ECLI_BTF_PATH", f->pkg, 1);
	a = rtmin_btfarchive__open(tar, &o);
	T_TRUE(a && !strcmp(rtmin_btfarchive__btf_path(a), f->pkg));
	rtmin_btfarchive__close(a);

	setenv("ECLI_BTF_PATH", gone, 1);
	log_reset();
	a = rtmin_btfarchive__open(tar, &o);
	T_TRUE(a == NULL);
	T_EQ_INT(ENOENT, errno);
	T_TRUE(logged_has(gone));
	unsetenv("ECLI_BTF_PATH");
	free(gone);
}

static void test_open_mem(const struct fixture *f, const char *tar)
{
	char *u2004 = os_release(f, "u2004", "ID=ubuntu\nVERSION_ID=\"20.04\"\n");
	struct rtmin_btfarchive_opts o = {.force_tailored = true,
					  .os_release = u2004,
					  .uname_machine = "x86_64",
					  .uname_release = "5.4.0-fake-1"};
	struct rtmin_btfarchive *a;
	size_t len = 0, plen = 0;
	char *data = NULL;

	T_EQ_INT(0, cmn_read_file(tar, 1u << 30, &data, &len));
	T_TRUE(rtmin_btfarchive__is_archive(data, len));
	T_TRUE(!rtmin_btfarchive__is_archive("{\"bpf_object\":\"\"}", 17));
	T_TRUE(!rtmin_btfarchive__is_archive(data, 200));
	a = rtmin_btfarchive__open_mem(data, len, "mem.tar", &o);
	T_TRUE(a != NULL);
	if (a) {
		const char *pkg = rtmin_btfarchive__package(a, &plen);

		T_TRUE(file_equals_mem(f->pkg, pkg, plen));
		T_TRUE(entry_equals_file(tar, expected_names[2], rtmin_btfarchive__btf_path(a)));
	}
	rtmin_btfarchive__close(a);
	free(u2004);
	free(data);
}

/* Programs tailored BTF cannot serve are named, and turning them off is enough. */
static void test_check_progs(const struct fixture *f, const char *tar)
{
	char *u2204 = os_release(f, "u2204", "ID=ubuntu\nVERSION_ID=\"22.04\"\n");
	struct rtmin_btfarchive_opts kernel = {0};
	struct rtmin_btfarchive *a, *k;
	struct bpf_object *obj;

	a = open_as(tar, u2204, "x86_64", "5.15.0-fake-2");
	T_TRUE(a != NULL);
	if (!a)
		goto out;
	LIBBPF_OPTS(bpf_object_open_opts, oo, .btf_custom_path = rtmin_btfarchive__btf_path(a));
	obj = bpf_object__open_file(BTFGEN_T_FULL_OBJ, &oo);
	T_TRUE(obj != NULL);
	if (obj) {
		log_reset();
		T_EQ_INT(-EOPNOTSUPP, rtmin_btfarchive__check_progs(a, obj));
		T_TRUE(logged_has("handle_switch") && logged_has("tp_btf/sched_switch"));
		T_TRUE(!logged_has("handle_exec"));
		bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "handle_switch"),
					  false);
		T_EQ_INT(0, rtmin_btfarchive__check_progs(a, obj));
		if (geteuid() == 0)
			T_EQ_INT(0, bpf_object__load(obj));
		bpf_object__close(obj);
	}
	/* with the kernel's own BTF there is nothing to say */
	k = cmn_file_exists(KERNEL_BTF) ? rtmin_btfarchive__open(tar, &kernel) : NULL;
	obj = bpf_object__open_file(BTFGEN_T_FULL_OBJ, NULL);
	if (k && obj)
		T_EQ_INT(0, rtmin_btfarchive__check_progs(k, obj));
	bpf_object__close(obj);
	rtmin_btfarchive__close(k);
	obj = bpf_object__open_file(f->obj, &oo);
	T_TRUE(obj && rtmin_btfarchive__check_progs(a, obj) == 0);
	bpf_object__close(obj);
	rtmin_btfarchive__close(a);
out:
	free(u2204);
}

/* ---- bad input ---------------------------------------------------------- */

/* One failing pack: the error, the message naming `needle`, and no output
 * (an existing output file is left as it was, with nothing next to it). */
static void expect_pack_fails(const struct fixture *f, const char *dir, int want_err,
			      const char *needle)
{
	char *outdir = path_in(f->tmp, "fail-out"), *out = path_in(outdir, "x.tar");
	char *argv_ls[] = {"ls", "-A", outdir, NULL};
	struct cmn_proc_result r;

	cmn_rm_rf(outdir);
	cmn_mkdir_p(outdir, 0755);
	write_text(out, "OLD");
	log_reset();
	T_EQ_INT(want_err, pack(f, dir, out, 2));
	if (!logged_has(needle))
		T_FAIL_AT("message should name %s, got: %s", needle, logged.ptr ? logged.ptr : "");
	else
		t_pass++;
	T_TRUE(file_equals_mem(out, "OLD", 3));
	if (!cmn_proc_run(argv_ls, CMN_PROC_CAPTURE_OUT, &r)) {
		T_EQ_STR("x.tar\n", r.out);
		cmn_proc_result__free(&r);
	}
	free(out);
	free(outdir);
}

/* A kernel dir holding one good BTF and `bad` written by `make`. */
static char *bad_tree(const struct fixture *f, const char *name, const char *bad, const void *data,
		      size_t len)
{
	char *dir = path_in(f->tmp, name), *sub = path_in(dir, "ubuntu/20.04/x86_64");
	char *good = path_in(sub, "5.4.0-good.btf"), *badp = path_in(sub, bad);

	cmn_mkdir_p(sub, 0755);
	copy_file(KERNEL_BTF, good);
	cmn_write_file_atomic(badp, data, len, 0644);
	free(sub);
	free(good);
	free(badp);
	return dir;
}

static void test_pack_errors(struct fixture *f)
{
	char *missing = path_in(f->tmp, "no-such-archive"), *empty = path_in(f->tmp, "empty");
	char *dir, *xz = path_in(f->arch, "ubuntu/22.04/x86_64/5.15.0-fake-2.btf.tar.xz");
	char *data = NULL, *obj = f->obj;
	size_t len = 0;

	expect_pack_fails(f, missing, -ENOENT, missing);
	cmn_mkdir_p(empty, 0755);
	expect_pack_fails(f, empty, -ENOENT, empty);
	/* BTF at the wrong depth, and other files, are not kernels of the layout */
	dir = path_in(f->tmp, "shallow");
	mkdirs_and_copy(&(struct fixture){.arch = dir}, "ubuntu/5.4.0.btf", "/dev/null");
	mkdirs_and_copy(&(struct fixture){.arch = dir}, "ubuntu/20.04/x86_64/notes.txt",
			"/dev/null");
	expect_pack_fails(f, dir, -ENOENT, "no kernel BTF");
	free(dir);

	dir = bad_tree(f, "badxz", "5.4.0-bad.btf.tar.xz", "this is not xz\n", 15);
	expect_pack_fails(f, dir, -EINVAL, "5.4.0-bad.btf.tar.xz");
	free(dir);

	/* a truncated .btf.tar.xz */
	T_EQ_INT(0, cmn_read_file(xz, 1u << 30, &data, &len));
	dir = bad_tree(f, "truncxz", "5.4.0-trunc.btf.tar.xz", data, len / 2);
	expect_pack_fails(f, dir, -EINVAL, "5.4.0-trunc.btf.tar.xz");
	free(dir);
	free(data);

	/* garbage that claims to be BTF: bpftool refuses it */
	dir = bad_tree(f, "badbtf", "5.4.0-junk.btf", "\x9f\xebjunkjunkjunkjunk", 18);
	expect_pack_fails(f, dir, -EINVAL, "5.4.0-junk.btf");
	free(dir);

	f->obj = path_in(f->tmp, "missing.bpf.o");
	expect_pack_fails(f, f->arch, -ENOENT, "missing.bpf.o");
	free(f->obj);
	f->obj = f->pkg; /* not an object at all */
	expect_pack_fails(f, f->arch, -EINVAL, "is not an ELF object");
	f->obj = obj;
	/* a bpftool that is not there */
	{
		struct btfgen_archive_opts o = {.bpf_obj_path = f->obj,
						.package_json = f->pkg,
						.archive_dir = f->arch,
						.out_tar = missing,
						.bpftool_bin = "/nonexistent/bpftool"};

		log_reset();
		T_EQ_INT(-ENOENT, btfgen_archive__pack(&o));
		T_TRUE(logged_has("/nonexistent/bpftool"));
		T_TRUE(!cmn_file_exists(missing));
	}
	free(missing);
	free(empty);
	free(xz);
}

/* A 512-byte ustar header with the given size field (octal). */
static void ustar_header(unsigned char h[512], const char *name, unsigned long long size)
{
	unsigned sum = 0;
	char num[32];
	int i;

	memset(h, 0, 512);
	snprintf((char *)h, 100, "%s", name);
	memcpy(h + 100, "0000644", 8);
	memcpy(h + 108, "0000000", 8);
	memcpy(h + 116, "0000000", 8);
	snprintf(num, sizeof(num), "%011llo", size & 077777777777ULL);
	memcpy(h + 124, num, 12);
	memcpy(h + 136, "00000000000", 12);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
}

/* A tar of (name, text) pairs, written with raw headers (any name allowed). */
static int raw_tar(const char *path, const char *const *names, const char *const *texts, int n)
{
	struct cmn_buf b = {0};
	unsigned char h[512], zero[1024] = {0};
	int i, err = 0;

	for (i = 0; i < n && !err; i++) {
		size_t len = strlen(texts[i]), pad = (512 - len % 512) % 512;

		ustar_header(h, names[i], len);
		err = cmn_buf__append(&b, h, 512);
		err = err ? err : cmn_buf__append(&b, texts[i], len);
		err = err ? err : cmn_buf__append(&b, zero, pad);
	}
	err = err ? err : cmn_buf__append(&b, zero, sizeof(zero));
	err = err ? err : cmn_write_file_atomic(path, b.ptr, b.cnt, 0644);
	cmn_buf__free(&b);
	return err;
}

static void expect_open_fails(const char *path, int want_errno, const char *needle)
{
	struct rtmin_btfarchive_opts o = {0};
	struct rtmin_btfarchive *a;

	log_reset();
	a = rtmin_btfarchive__open(path, &o);
	T_TRUE(a == NULL);
	T_EQ_INT(want_errno, errno);
	if (!logged_has(needle))
		T_FAIL_AT("message should name %s, got: %s", needle, logged.ptr ? logged.ptr : "");
	else
		t_pass++;
	rtmin_btfarchive__close(a);
}

static void test_reader_errors(const struct fixture *f, const char *tar)
{
	char *p = path_in(f->tmp, "reader.tar"), *evil = path_in(f->tmp, "evil");
	static const char *const no_pkg[] = {"core_probe.bpf.o"};
	static const char *const twice[] = {"package.json", "./package.json"};
	static const char *const hostile[] = {"../evil", "/tmp/../evil", "package.json"};
	static const char *const texts[] = {"{}", "{}", "{}"};
	struct rtmin_btfarchive *a;
	unsigned char h[512];
	char *data = NULL;
	size_t len = 0;

	expect_open_fails(evil, ENOENT, evil);
	write_text(p, "not a tar at all, just some text that goes on and on\n");
	expect_open_fails(p, EINVAL, p);
	T_EQ_INT(0, cmn_read_file(tar, 1u << 30, &data, &len));
	cmn_write_file_atomic(p, data, 1000, 0644); /* cut inside the first entry */
	expect_open_fails(p, EINVAL, p);
	free(data);
	raw_tar(p, no_pkg, texts, 1);
	expect_open_fails(p, EINVAL, "no package.json");
	raw_tar(p, twice, texts, 2);
	expect_open_fails(p, EINVAL, "package.json twice");
	ustar_header(h, "package.json", 077777777777ULL); /* 8 GiB, no data */
	cmn_write_file_atomic(p, h, sizeof(h), 0644);
	expect_open_fails(p, EFBIG, "too large");

	/* the matching entry is not BTF: named, before libbpf would see it */
	{
		static const char *const junk[] = {
		    "package.json", "btfhub-archive/ubuntu/20.04/x86_64/5.4.0-fake-1.btf"};
		static const char *const junk_texts[] = {"{}", "this is no BTF at all......."};
		char *u2004 = os_release(f, "u2004", "ID=ubuntu\nVERSION_ID=\"20.04\"\n");

		T_EQ_INT(0, raw_tar(p, junk, junk_texts, 2));
		log_reset();
		a = open_as(p, u2004, "x86_64", "5.4.0-fake-1");
		T_TRUE(a == NULL);
		T_EQ_INT(EINVAL, errno);
		T_TRUE(logged_has("5.4.0-fake-1.btf is not BTF"));
		free(u2004);
	}
	/* hostile names are never used as paths */
	T_EQ_INT(0, raw_tar(p, hostile, texts, 3));
	a = rtmin_btfarchive__open(p, &(struct rtmin_btfarchive_opts){0});
	T_TRUE(a != NULL);
	T_TRUE(!cmn_file_exists(evil));
	rtmin_btfarchive__close(a);
	free(p);
	free(evil);
}

int main(void)
{
	struct fixture f = {0};
	char *tar = NULL;

	cmn_set_print(capture);
	cmn_route_libbpf_print();
	unsetenv("SOURCE_DATE_EPOCH");
	unsetenv("ECLI_BTF_PATH");
	if (!BTFGEN_T_OBJ[0] || !cmn_file_exists(KERNEL_BTF)) {
		printf("SKIP archive tests: no test object or no %s at build time\n", KERNEL_BTF);
		TEST_MAIN_END();
	}
	if (setup(&f)) {
		T_FAIL_AT("fixture setup failed: %s", strerror(errno));
		goto out;
	}
	tar = path_in(f.tmp, "core_probe.tar");
	test_pack_layout(&f, tar);
	test_gnu_tar(&f, tar);
	test_source_date_epoch(&f, tar);
	test_pick_tailored(&f, tar);
	test_pick_errors(&f, tar);
	test_pick_kernel_and_override(&f, tar);
	test_open_mem(&f, tar);
	test_check_progs(&f, tar);
	test_pack_errors(&f);
	test_reader_errors(&f, tar);
	test_progress(&f);
out:
	if (t_fail && logged.ptr)
		fprintf(stderr, "last messages:\n%s", logged.ptr);
	free(tar);
	teardown(&f);
	log_reset();
	TEST_MAIN_END();
}
