// SPDX-License-Identifier: MIT
/*
 * The tar side of btfgen archives: a reproducible tar writer (entries kept in
 * memory, sorted, fixed metadata, written atomically) and the extraction of a
 * btfhub .btf.tar.xz into a plain file. Both through libarchive.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include "common.h"
#include "btfgen_archive.h"

struct tar_member {
	char *name;
	void *data;
	size_t len;
};

struct btfgen_tar {
	struct tar_member *members;
	size_t cnt;
	size_t cap;
};

struct btfgen_tar *btfgen_tar__new(void)
{
	struct btfgen_tar *t = calloc(1, sizeof(*t));

	if (!t)
		errno = ENOMEM;
	return t;
}

void btfgen_tar__free(struct btfgen_tar *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->cnt; i++) {
		free(t->members[i].name);
		free(t->members[i].data);
	}
	free(t->members);
	free(t);
}

/* Relative, no empty/"."/".." components: what any extractor writes safely. */
static bool name_is_safe(const char *name)
{
	const char *p = name;

	if (!*name || *name == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (*p == '/')
			p++;
		else
			break;
	}
	return name[strlen(name) - 1] != '/';
}

int btfgen_tar__add(struct btfgen_tar *t, const char *name, const void *data, size_t len)
{
	struct tar_member *m;
	size_t i;
	int err;

	if (!name_is_safe(name)) {
		pr_warn("btfgen: refusing tar entry name '%s'\n", name);
		return -EINVAL;
	}
	for (i = 0; i < t->cnt; i++) {
		if (strcmp(t->members[i].name, name) == 0) {
			pr_warn("btfgen: duplicate tar entry '%s'\n", name);
			return -EEXIST;
		}
	}
	err = cmn_array_grow((void **)&t->members, &t->cap, t->cnt + 1, sizeof(*t->members));
	if (err)
		return err;
	m = &t->members[t->cnt];
	m->name = cmn_strdup(name);
	m->data = malloc(len ? len : 1);
	if (!m->name || !m->data) {
		free(m->name);
		free(m->data);
		return -ENOMEM;
	}
	memcpy(m->data, data, len);
	m->len = len;
	t->cnt++;
	return 0;
}

int btfgen_tar__add_file(struct btfgen_tar *t, const char *name, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int err;

	err = cmn_read_file(path, BTFGEN_ARCHIVE_MAX_BTF, &data, &len);
	if (err) {
		pr_warn("btfgen: cannot read %s: %s\n", path, strerror(-err));
		return err;
	}
	err = btfgen_tar__add(t, name, data, len);
	free(data);
	return err;
}

static int member_cmp(const void *a, const void *b)
{
	const struct tar_member *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static la_ssize_t sink_write(struct archive *a, void *ctx, const void *buf, size_t len)
{
	(void)a;
	if (cmn_buf__append(ctx, buf, len))
		return -1;
	return (la_ssize_t)len;
}

/* SOURCE_DATE_EPOCH when set to a plain non-negative number, else 0. */
static time_t fixed_mtime(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return 0;
	return (time_t)v;
}

static int write_member(struct archive *a, struct archive_entry *e, const struct tar_member *m,
			time_t mtime)
{
	archive_entry_clear(e);
	archive_entry_set_pathname(e, m->name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)m->len);
	archive_entry_set_mtime(e, mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_uname(e, "");
	archive_entry_set_gname(e, "");
	if (archive_write_header(a, e) != ARCHIVE_OK)
		return -EIO;
	if (m->len && archive_write_data(a, m->data, m->len) != (la_ssize_t)m->len)
		return -EIO;
	return 0;
}

/* Render every member into `out`, in name order. */
static int render(struct btfgen_tar *t, struct cmn_buf *out)
{
	struct archive_entry *e = NULL;
	struct archive *a;
	time_t mtime = fixed_mtime();
	size_t i;
	int err = 0;

	if (t->cnt > 1)
		qsort(t->members, t->cnt, sizeof(*t->members), member_cmp);
	a = archive_write_new();
	if (!a)
		return -ENOMEM;
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_add_filter_none(a) != ARCHIVE_OK ||
	    archive_write_open2(a, out, NULL, sink_write, NULL, NULL) != ARCHIVE_OK) {
		err = -EIO;
		goto out;
	}
	e = archive_entry_new();
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < t->cnt && !err; i++)
		err = write_member(a, e, &t->members[i], mtime);
	if (!err && archive_write_close(a) != ARCHIVE_OK)
		err = -EIO;
	if (err)
		pr_warn("btfgen: cannot build the tar: %s\n",
			archive_error_string(a) ? archive_error_string(a) : strerror(-err));
out:
	archive_entry_free(e);
	archive_write_free(a);
	return err;
}

int btfgen_tar__write(struct btfgen_tar *t, const char *path)
{
	struct cmn_buf out = {0};
	int err;

	err = render(t, &out);
	if (err)
		goto out;
	err = cmn_write_file_atomic(path, out.ptr, out.cnt, 0644);
	if (err)
		pr_warn("btfgen: cannot write %s: %s\n", path, strerror(-err));
out:
	cmn_buf__free(&out);
	return err;
}

/* ---- .btf.tar.xz ------------------------------------------------------- */

/* Copy the current entry's data to fd, refusing more than the cap. */
static int copy_entry(struct archive *a, int fd, const char *path)
{
	char buf[65536];
	size_t total = 0;
	la_ssize_t n;

	while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) {
		total += (size_t)n;
		if (total > BTFGEN_ARCHIVE_MAX_BTF) {
			pr_warn("btfgen: %s: the BTF inside is larger than %u MiB\n", path,
				BTFGEN_ARCHIVE_MAX_BTF >> 20);
			return -EFBIG;
		}
		if (write(fd, buf, (size_t)n) != n) {
			int err = errno ? -errno : -EIO;

			pr_warn("btfgen: writing BTF from %s: %s\n", path, strerror(-err));
			return err;
		}
	}
	if (n < 0) {
		pr_warn("btfgen: %s is corrupt: %s\n", path, archive_error_string(a));
		return -EINVAL;
	}
	return 0;
}

/* Find the first regular file in the archive and copy it to out_path. */
static int extract_first_file(struct archive *a, const char *path, const char *out_path)
{
	struct archive_entry *e;
	int r, fd, err;

	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		if (archive_entry_size_is_set(e) &&
		    archive_entry_size(e) > (la_int64_t)BTFGEN_ARCHIVE_MAX_BTF) {
			pr_warn("btfgen: %s: entry '%s' is larger than %u MiB\n", path,
				archive_entry_pathname(e), BTFGEN_ARCHIVE_MAX_BTF >> 20);
			return -EFBIG;
		}
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0) {
			err = -errno;
			pr_warn("btfgen: cannot create %s: %s\n", out_path, strerror(-err));
			return err;
		}
		err = copy_entry(a, fd, path);
		if (close(fd) < 0 && !err)
			err = -errno;
		if (err)
			unlink(out_path);
		return err;
	}
	if (r == ARCHIVE_EOF)
		pr_warn("btfgen: %s holds no file\n", path);
	else
		pr_warn("btfgen: %s is not a .btf.tar.xz: %s\n", path, archive_error_string(a));
	return -EINVAL;
}

int btfgen_archive__extract_xz(const char *path, const char *out_path)
{
	struct archive *a = archive_read_new();
	int err;

	if (!a)
		return -ENOMEM;
	/* Only xz-compressed tar: anything else under this name is an error. */
	if (archive_read_support_filter_xz(a) != ARCHIVE_OK ||
	    archive_read_support_format_tar(a) != ARCHIVE_OK) {
		err = -EIO;
		goto out;
	}
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		err = archive_errno(a) == ENOENT ? -ENOENT : -EINVAL;
		pr_warn("btfgen: cannot open %s: %s\n", path, archive_error_string(a));
		goto out;
	}
	err = extract_first_file(a, path, out_path);
	if (!err && archive_filter_code(a, 0) != ARCHIVE_FILTER_XZ) {
		/* A plain tar renamed .tar.xz: say so rather than guess. */
		pr_warn("btfgen: %s is not xz-compressed\n", path);
		unlink(out_path);
		err = -EINVAL;
	}
out:
	archive_read_free(a);
	return err;
}
