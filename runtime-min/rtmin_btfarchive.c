// SPDX-License-Identifier: MIT
/*
 * rtmin_btfarchive: read an `ecc --btfgen` tar and pick the BTF for libbpf.
 *
 * The tar is streamed once through libarchive. Nothing is extracted under an
 * entry's own name: package.json goes to memory and the one chosen BTF to a
 * fixed file name in a private temp dir, so hostile names ("../x", absolute
 * paths, links) cannot write anywhere. Sizes are bounded per entry and in
 * number of entries, before any data is read.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "rtmin_btfarchive.h"

#define TREE_PREFIX "btfhub-archive/"
#define MAX_PACKAGE (64u << 20) /* package.json: the object is inside it, base64 */
#define MAX_BTF (256u << 20)	/* one BTF file (a full vmlinux BTF is ~5 MiB) */
#define MAX_ENTRY MAX_BTF	/* any entry larger than this is refused unread */
#define MAX_ENTRIES 200000u	/* btfhub-archive has a few thousand kernels */
#define MAX_OS_RELEASE (64u << 10)
#define KERNEL_BTF "/sys/kernel/btf/vmlinux"

struct rtmin_btfarchive {
	char *pkg;
	size_t pkg_len;
	char *btf_path; /* override, extracted file, or NULL */
	char *tmpdir;	/* holds the extracted file; removed on close */
	bool tailored;
};

/* What the scan looks for, and what it found. */
struct scan {
	const char *name;    /* the archive, for messages */
	const char *want[2]; /* tailored BTF entry names (machine, alias) */
	const char *out;     /* where the chosen BTF goes */
	char *pkg;
	size_t pkg_len;
	size_t kernels; /* btfhub-archive/ entries seen */
	bool found;
};

/*
 * The ustar magic, and the header checksum too: base64 text in a package.json
 * could hold "ustar" at offset 257, but not also a matching checksum.
 */
bool rtmin_btfarchive__is_archive(const void *head, size_t len)
{
	const unsigned char *h = head;
	unsigned long sum = 0, want = 0;
	size_t i;

	if (!h || len < 512 || memcmp(h + 257, "ustar", 5) != 0)
		return false;
	for (i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	for (i = 148; i < 156 && h[i] == ' '; i++)
		;
	for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++)
		want = want * 8 + (unsigned long)(h[i] - '0');
	return sum == want;
}

/* ---- which kernel are we on ------------------------------------------- */

struct os_id {
	char *id;
	char *version_id;
};

/* Value of KEY= in os-release text, unquoted; NULL when absent. */
static char *os_release_value(const char *text, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = text;

	while (p && *p) {
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			p += klen + 1;
			n = strcspn(p, "\n");
			if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0]) {
				p++;
				n -= 2;
			}
			return strndup(p, n);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* A value that is safe as one path component. */
static bool component_ok(const char *s)
{
	return s && *s && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

static int read_os_id(const char *path, struct os_id *os)
{
	const char *file = path ? path : "/etc/os-release";
	char *text = NULL;
	size_t len;
	int err;

	err = cmn_read_file(file, MAX_OS_RELEASE, &text, &len);
	if (err == -ENOENT && !path) {
		file = "/usr/lib/os-release";
		err = cmn_read_file(file, MAX_OS_RELEASE, &text, &len);
	}
	if (err) {
		pr_warn("ecli: cannot read %s to pick a tailored BTF: %s\n", file, strerror(-err));
		return err;
	}
	os->id = os_release_value(text, "ID");
	os->version_id = os_release_value(text, "VERSION_ID");
	free(text);
	if (!component_ok(os->id) || !component_ok(os->version_id)) {
		pr_warn("ecli: %s has no usable ID and VERSION_ID to pick a tailored BTF\n", file);
		return -EINVAL;
	}
	return 0;
}

/*
 * The entry names to look for: btfhub-archive/ID/VERSION_ID/ARCH/RELEASE.btf,
 * with ARCH as uname -m says and btfhub's name for it (aarch64 -> arm64).
 */
static int wanted_names(const struct rtmin_btfarchive_opts *o, char *want[2], char **desc)
{
	struct os_id os = {0};
	struct utsname u;
	const char *mach = o->uname_machine, *rel = o->uname_release;
	int err;

	if ((!mach || !rel) && uname(&u) == 0) {
		mach = mach ? mach : u.machine;
		rel = rel ? rel : u.release;
	}
	err = read_os_id(o->os_release, &os);
	if (err)
		goto out;
	if (!component_ok(mach) || !component_ok(rel)) {
		pr_warn("ecli: unusable machine/release names to pick a tailored BTF\n");
		err = -EINVAL;
		goto out;
	}
	want[0] = cmn_asprintf(TREE_PREFIX "%s/%s/%s/%s.btf", os.id, os.version_id, mach, rel);
	if (strcmp(mach, "aarch64") == 0)
		want[1] = cmn_asprintf(TREE_PREFIX "%s/%s/arm64/%s.btf", os.id, os.version_id, rel);
	*desc = cmn_asprintf("%s/%s/%s/%s", os.id, os.version_id, mach, rel);
	if (!want[0] || !*desc)
		err = -ENOMEM;
out:
	free(os.id);
	free(os.version_id);
	return err;
}

/* ---- the scan ---------------------------------------------------------- */

/* Read the current entry (at most cap bytes) into a fresh NUL-terminated buffer. */
static int read_entry(struct archive *a, struct scan *s, size_t cap, char **data, size_t *len)
{
	struct cmn_buf b = {0};
	char chunk[65536];
	la_ssize_t n;
	int err = 0;

	while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		if (b.cnt + (size_t)n > cap) {
			pr_warn("ecli: %s: an entry is larger than %zu MiB\n", s->name, cap >> 20);
			err = -EFBIG;
			goto out;
		}
		err = cmn_buf__append(&b, chunk, (size_t)n);
		if (err)
			goto out;
	}
	if (n < 0) {
		pr_warn("ecli: %s is corrupt: %s\n", s->name, archive_error_string(a));
		err = -EINVAL;
		goto out;
	}
	if (!b.ptr)
		err = cmn_buf__append(&b, "", 0);
	if (!err)
		*data = cmn_buf__steal(&b, len);
out:
	cmn_buf__free(&b);
	return err;
}

/*
 * The BTF header's magic (either byte order) and lengths fit the file: enough
 * to name a wrong entry here rather than fail later inside libbpf, which
 * checks the type and string sections itself.
 */
static bool btf_header_ok(const char *d, size_t len)
{
	const unsigned char *p = (const unsigned char *)d;
	bool le, be;
	uint64_t hdr, off[4];
	int i;

	if (len < 24)
		return false;
	le = p[0] == 0x9f && p[1] == 0xeb;
	be = p[0] == 0xeb && p[1] == 0x9f;
	if (!(le || be) || p[2] != 1)
		return false;
	for (i = 0; i < 5; i++) {
		const unsigned char *q = p + 4 + 4 * i;
		uint64_t v = le ? (q[0] | q[1] << 8 | q[2] << 16 | (uint64_t)q[3] << 24)
				: ((uint64_t)q[0] << 24 | q[1] << 16 | q[2] << 8 | q[3]);

		if (i == 0)
			hdr = v;
		else
			off[i - 1] = v;
	}
	/* type_off, type_len, str_off, str_len after the header */
	return hdr >= 24 && hdr <= len && off[0] + off[1] <= len - hdr &&
	       off[2] + off[3] <= len - hdr;
}

static int take_btf(struct archive *a, struct scan *s, const char *entry)
{
	char *data = NULL;
	size_t len = 0;
	int err;

	err = read_entry(a, s, MAX_BTF, &data, &len);
	if (err)
		return err;
	if (!btf_header_ok(data, len)) {
		pr_warn("ecli: %s: %s is not BTF\n", s->name, entry);
		free(data);
		return -EINVAL;
	}
	err = cmn_write_file_atomic(s->out, data, len, 0600);
	if (err)
		pr_warn("ecli: cannot write %s from %s: %s\n", s->out, s->name, strerror(-err));
	else
		s->found = true;
	pr_debug("ecli: tailored BTF %s from %s (%zu bytes)\n", entry, s->name, len);
	free(data);
	return err;
}

/* Entry names as written by tar tools: "./x" and "x" are the same file. */
static const char *norm_name(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	return name;
}

static int scan_entry(struct archive *a, struct archive_entry *e, struct scan *s)
{
	const char *raw = archive_entry_pathname(e), *name;
	la_int64_t size = archive_entry_size(e);

	if (!raw || archive_entry_filetype(e) != AE_IFREG)
		return 0;
	if (size < 0 || (archive_entry_size_is_set(e) && size > (la_int64_t)MAX_ENTRY)) {
		pr_warn("ecli: %s: entry '%s' is too large (%lld bytes)\n", s->name, raw,
			(long long)size);
		return -EFBIG;
	}
	name = norm_name(raw);
	if (strcmp(name, "package.json") == 0) {
		if (s->pkg) {
			pr_warn("ecli: %s holds package.json twice\n", s->name);
			return -EINVAL;
		}
		return read_entry(a, s, MAX_PACKAGE, &s->pkg, &s->pkg_len);
	}
	if (strncmp(name, TREE_PREFIX, strlen(TREE_PREFIX)) != 0)
		return 0;
	s->kernels++;
	if (s->out && !s->found &&
	    ((s->want[0] && !strcmp(name, s->want[0])) ||
	     (s->want[1] && !strcmp(name, s->want[1]))))
		return take_btf(a, s, name);
	return 0;
}

static int scan_archive(struct archive *a, struct scan *s)
{
	struct archive_entry *e;
	size_t n = 0;
	int r, err = 0;

	while (!err && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		if (++n > MAX_ENTRIES) {
			pr_warn("ecli: %s has more than %u entries\n", s->name, MAX_ENTRIES);
			return -EFBIG;
		}
		err = scan_entry(a, e, s);
	}
	if (err)
		return err;
	if (r != ARCHIVE_EOF) {
		pr_warn("ecli: %s is not a readable tar: %s\n", s->name,
			archive_error_string(a) ? archive_error_string(a) : "bad header");
		return -EINVAL;
	}
	if (!s->pkg) {
		pr_warn("ecli: %s has no package.json\n", s->name);
		return -EINVAL;
	}
	return 0;
}

/* ---- open -------------------------------------------------------------- */

/* --btf or $ECLI_BTF_PATH, checked to exist. 1 when one applies. */
static int pick_override(struct rtmin_btfarchive *ba, const struct rtmin_btfarchive_opts *o)
{
	const char *p = o->btf_override;

	if (!p || !*p)
		p = getenv("ECLI_BTF_PATH");
	if (!p || !*p)
		return 0;
	if (!cmn_file_exists(p)) {
		pr_warn("ecli: BTF file %s (from --btf or ECLI_BTF_PATH) not found\n", p);
		return -ENOENT;
	}
	ba->btf_path = cmn_strdup(p);
	return ba->btf_path ? 1 : -ENOMEM;
}

/* Set up the scan for a tailored BTF: names to look for, temp dir, output. */
static int prepare_tailored(struct rtmin_btfarchive *ba, const struct rtmin_btfarchive_opts *o,
			    struct scan *s, char *want[2], char **desc)
{
	int err;

	err = wanted_names(o, want, desc);
	if (err)
		return err;
	ba->tmpdir = cmn_mkdtemp("ecli-btf");
	if (!ba->tmpdir) {
		err = -errno;
		pr_warn("ecli: cannot create a temporary directory: %s\n", strerror(-err));
		return err;
	}
	ba->btf_path = cmn_asprintf("%s/vmlinux.btf", ba->tmpdir);
	if (!ba->btf_path)
		return -ENOMEM;
	s->want[0] = want[0];
	s->want[1] = want[1];
	s->out = ba->btf_path;
	ba->tailored = true;
	return 0;
}

typedef int (*open_fn)(struct archive *a, const void *src, size_t len);

static int open_file(struct archive *a, const void *src, size_t len)
{
	(void)len;
	return archive_read_open_filename(a, src, 65536);
}

static int open_mem(struct archive *a, const void *src, size_t len)
{
	return archive_read_open_memory(a, src, len);
}

static int read_tar(struct scan *s, open_fn fn, const void *src, size_t len)
{
	struct archive *a = archive_read_new();
	int err;

	if (!a)
		return -ENOMEM;
	/* Plain tar only: what ecc writes; no decompression bombs to bound. */
	archive_read_support_format_tar(a);
	if (fn(a, src, len) != ARCHIVE_OK) {
		err = archive_errno(a) == ENOENT && fn == open_file ? -ENOENT : -EINVAL;
		pr_warn("ecli: cannot open %s: %s\n", s->name,
			archive_error_string(a) ? archive_error_string(a) : strerror(-err));
		goto out;
	}
	err = scan_archive(a, s);
out:
	archive_read_free(a);
	return err;
}

static struct rtmin_btfarchive *do_open(open_fn fn, const void *src, size_t len, const char *name,
					const struct rtmin_btfarchive_opts *opts)
{
	static const struct rtmin_btfarchive_opts defaults;
	const struct rtmin_btfarchive_opts *o = opts ? opts : &defaults;
	struct scan s = {.name = name};
	struct rtmin_btfarchive *ba;
	char *want[2] = {NULL, NULL}, *desc = NULL;
	int err;

	ba = calloc(1, sizeof(*ba));
	if (!ba) {
		errno = ENOMEM;
		return NULL;
	}
	err = pick_override(ba, o);
	if (err == 0 && (o->force_tailored || !cmn_file_exists(KERNEL_BTF)))
		err = prepare_tailored(ba, o, &s, want, &desc);
	if (err < 0)
		goto err_free;
	err = read_tar(&s, fn, src, len);
	if (err)
		goto err_free;
	if (ba->tailored && !s.found) {
		pr_warn("ecli: %s has no tailored BTF for %s (it has %zu kernels); "
			"pass --btf FILE or set ECLI_BTF_PATH\n",
			name, desc, s.kernels);
		err = -ENOENT;
		goto err_free;
	}
	ba->pkg = s.pkg;
	ba->pkg_len = s.pkg_len;
	free(want[0]);
	free(want[1]);
	free(desc);
	return ba;

err_free:
	free(s.pkg);
	free(want[0]);
	free(want[1]);
	free(desc);
	rtmin_btfarchive__close(ba);
	errno = -err;
	return NULL;
}

struct rtmin_btfarchive *rtmin_btfarchive__open(const char *path,
						const struct rtmin_btfarchive_opts *opts)
{
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	return do_open(open_file, path, 0, path, opts);
}

struct rtmin_btfarchive *rtmin_btfarchive__open_mem(const void *data, size_t len, const char *name,
						    const struct rtmin_btfarchive_opts *opts)
{
	if (!data && len) {
		errno = EINVAL;
		return NULL;
	}
	return do_open(open_mem, data ? data : "", len, name ? name : "(archive)", opts);
}

void rtmin_btfarchive__close(struct rtmin_btfarchive *a)
{
	if (!a)
		return;
	if (a->tmpdir)
		cmn_rm_rf(a->tmpdir);
	free(a->tmpdir);
	free(a->btf_path);
	free(a->pkg);
	free(a);
}

const char *rtmin_btfarchive__package(const struct rtmin_btfarchive *a, size_t *len)
{
	if (len)
		*len = a->pkg_len;
	return a->pkg;
}

const char *rtmin_btfarchive__btf_path(const struct rtmin_btfarchive *a)
{
	return a->btf_path;
}

bool rtmin_btfarchive__is_tailored(const struct rtmin_btfarchive *a)
{
	return a && a->tailored;
}

/* ---- programs tailored BTF cannot serve -------------------------------- */

/* SEC() prefixes whose programs need the kernel's full BTF (target types by
 * id, not just CO-RE relocations). Matched up to '/', '.' or the end. */
static const char *const full_btf_secs[] = {
    "iter", "tp_btf", "fentry", "fexit", "fmod_ret", "lsm", "lsm_cgroup", "struct_ops",
};

bool rtmin_btfarchive__prog_needs_full_btf(const char *sec_name)
{
	size_t i, n;

	if (!sec_name)
		return false;
	for (i = 0; i < sizeof(full_btf_secs) / sizeof(full_btf_secs[0]); i++) {
		n = strlen(full_btf_secs[i]);
		if (strncmp(sec_name, full_btf_secs[i], n) == 0 &&
		    (sec_name[n] == '\0' || sec_name[n] == '/' || sec_name[n] == '.'))
			return true;
	}
	return false;
}

int rtmin_btfarchive__check_progs(const struct rtmin_btfarchive *a, struct bpf_object *obj)
{
	struct bpf_program *prog;
	int err = 0;

	if (!a || !a->tailored || !obj)
		return 0;
	bpf_object__for_each_program(prog, obj)
	{
		const char *sec = bpf_program__section_name(prog);

		if (!bpf_program__autoload(prog) || !rtmin_btfarchive__prog_needs_full_btf(sec))
			continue;
		pr_warn("ecli: program %s (SEC(\"%s\")) needs the kernel's own BTF; the "
			"tailored BTF from the archive only serves CO-RE relocations\n",
			bpf_program__name(prog), sec);
		err = -EOPNOTSUPP;
	}
	return err;
}
