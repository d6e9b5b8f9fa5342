// SPDX-License-Identifier: MIT
/*
 * Reading a package: JSON or YAML text (or an `ecc --btfgen` tar holding
 * one), strict base64, zlib inflate with an absolute cap, the size match and
 * the structural ELF/BTF check. Unknown keys are ignored at every level.
 */
#include "rtmin_int.h"
#include "rtmin_btfarchive.h"
#include "rtmin_elfcheck.h"
#include "common_yaml.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

long rtmin_meta__int(const cJSON *obj, const char *key, long def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(v) ? (long)v->valuedouble : def;
}

bool rtmin_meta__bool(const cJSON *obj, const char *key, bool def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

const char *rtmin_meta__str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

const cJSON *rtmin_meta__find(const struct rtmin_pkg *pkg, const char *list, const char *name)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(pkg->skel, list), *it;

	cJSON_ArrayForEach(it, arr) {
		const char *n = rtmin_meta__str(it, "name");

		if (n && strcmp(n, name) == 0)
			return it;
	}
	return NULL;
}

/* JSON when the text starts with '{', else YAML (package.yaml). */
static int parse_text(struct rtmin_pkg *pkg, const char *text, size_t len)
{
	const char *p = text;
	int err;

	while (p < text + len && strchr(" \t\r\n", *p))
		p++;
	if (p < text + len && *p == '{') {
		pkg->root = cJSON_ParseWithLength(text, len);
		if (!pkg->root) {
			pr_warn("%s: not valid JSON (near byte %ld)\n", pkg->path,
				cJSON_GetErrorPtr() ? (long)(cJSON_GetErrorPtr() - text) : -1L);
			return -EINVAL;
		}
		return 0;
	}
	err = cmn_yaml_parse(text, len, &pkg->root);
	if (err)
		pr_warn("%s: neither JSON nor valid YAML\n", pkg->path);
	return err;
}

static int check_shape(struct rtmin_pkg *pkg)
{
	const cJSON *obj, *size;

	if (!cJSON_IsObject(pkg->root)) {
		pr_warn("%s: the package is not a JSON object\n", pkg->path);
		return -EINVAL;
	}
	obj = cJSON_GetObjectItemCaseSensitive(pkg->root, "bpf_object");
	size = cJSON_GetObjectItemCaseSensitive(pkg->root, "bpf_object_size");
	pkg->meta = cJSON_GetObjectItemCaseSensitive(pkg->root, "meta");
	if (!cJSON_IsString(obj)) {
		pr_warn("%s: missing or non-string field 'bpf_object'\n", pkg->path);
		return -EINVAL;
	}
	if (!cJSON_IsNumber(size) || size->valuedouble < 0 ||
	    size->valuedouble != (double)(long long)size->valuedouble) {
		pr_warn("%s: missing or non-integer field 'bpf_object_size'\n", pkg->path);
		return -EINVAL;
	}
	if (!cJSON_IsObject(pkg->meta)) {
		pr_warn("%s: missing field 'meta' (an object)\n", pkg->path);
		return -EINVAL;
	}
	pkg->skel = cJSON_GetObjectItemCaseSensitive(pkg->meta, "bpf_skel");
	if (!cJSON_IsObject(pkg->skel)) {
		pr_warn("%s: missing field 'meta.bpf_skel' (an object)\n", pkg->path);
		return -EINVAL;
	}
	if (!rtmin_meta__str(pkg->skel, "obj_name")) {
		pr_warn("%s: missing field 'meta.bpf_skel.obj_name' (a string)\n", pkg->path);
		return -EINVAL;
	}
	return 0;
}

/* base64 -> inflate (absolute cap) -> size match -> ELF/BTF structure. */
static int decode_object(struct rtmin_pkg *pkg)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(pkg->root, "bpf_object");
	double want = cJSON_GetObjectItemCaseSensitive(pkg->root, "bpf_object_size")->valuedouble;
	void *z = NULL;
	size_t zlen = 0;
	char why[256];
	int err;

	err = cmn_base64_decode(obj->valuestring, strlen(obj->valuestring), &z, &zlen);
	if (err) {
		pr_warn("%s: field 'bpf_object' is not valid base64\n", pkg->path);
		return err;
	}
	err = cmn_zlib_inflate(z, zlen, RTMIN_MAX_OBJECT, &pkg->elf, &pkg->elf_len);
	free(z);
	if (err == -EFBIG) {
		pr_warn("%s: 'bpf_object' inflates to more than %u bytes (the limit)\n", pkg->path,
			RTMIN_MAX_OBJECT);
		return err;
	}
	if (err) {
		pr_warn("%s: 'bpf_object' is not a valid zlib stream\n", pkg->path);
		return err;
	}
	if ((double)pkg->elf_len != want) {
		pr_warn("%s: 'bpf_object_size' is %.0f but the object inflates to %zu bytes\n",
			pkg->path, want, pkg->elf_len);
		return -EINVAL;
	}
	err = rtmin_elf__check(pkg->elf, pkg->elf_len, why, sizeof(why));
	if (err) {
		pr_warn("%s: corrupt BPF object: %s\n", pkg->path, why);
		return err;
	}
	if (!rtmin_elf__has_btf(pkg->elf, pkg->elf_len)) {
		pr_warn("%s: the BPF object has no .BTF section (compile with -g; ecc keeps it)\n",
			pkg->path);
		return -EINVAL;
	}
	return 0;
}

/*
 * The archive's temp files go with it: check the BTF it picked (untrusted,
 * libbpf parses it) and copy it into a directory of our own.
 */
static int copy_btf(struct rtmin_pkg *pkg, const char *btf)
{
	char *data = NULL, why[256];
	size_t blen;
	int err = 0;

	pkg->tmpdir = cmn_mkdtemp("ecli-btf");
	pkg->btf_path = pkg->tmpdir ? cmn_asprintf("%s/vmlinux.btf", pkg->tmpdir) : NULL;
	if (!pkg->btf_path || cmn_read_file(btf, RTMIN_MAX_PACKAGE, &data, &blen)) {
		err = -EIO;
	} else if (rtmin_btf__check_raw(data, blen, why, sizeof(why))) {
		pr_warn("%s: corrupt BTF in the archive: %s\n", pkg->path, why);
		err = -EINVAL;
	} else if (cmn_write_file_atomic(pkg->btf_path, data, blen, 0600)) {
		err = -EIO;
	}
	free(data);
	return err;
}

/* An `ecc --btfgen` tar: take its package.json and the BTF it picks. */
static int read_archive(struct rtmin_pkg *pkg, char **text, size_t *len)
{
	struct rtmin_btfarchive *a;
	const char *p, *btf;
	size_t n;
	int err = 0;

	a = rtmin_btfarchive__open_mem(*text, *len, pkg->path, NULL);
	if (!a)
		return -errno;
	p = rtmin_btfarchive__package(a, &n);
	btf = rtmin_btfarchive__btf_path(a);
	free(*text);
	*text = malloc(n + 1);
	if (!*text) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(*text, p, n);
	(*text)[n] = '\0';
	*len = n;
	if (btf)
		err = copy_btf(pkg, btf);
	pkg->tailored = btf && rtmin_btfarchive__is_tailored(a);
out:
	rtmin_btfarchive__close(a);
	return err;
}

/*
 * Defence in depth behind rtmin_elf__check: the first libbpf open of the
 * object happens in a child, so a libbpf crash the check did not foresee
 * ends in a message, never in a crash of ecli.
 */
static int probe_open(const struct rtmin_pkg *pkg)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0;	/* cannot fork: the structural check stands alone */
	if (pid == 0) {
		LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = pkg->obj_name,
			    .btf_custom_path = pkg->btf_path);
		struct bpf_object *obj;

		libbpf_set_print(NULL);
		alarm(60);
		obj = bpf_object__open_mem(pkg->elf, pkg->elf_len, &opts);
		bpf_object__close(obj);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	/* the child exits 0 whatever libbpf says; anything else is a crash
	 * (a sanitizer's handler turns the signal into an exit status) */
	if (WIFSIGNALED(status)) {
		pr_warn("%s: corrupt BPF object: libbpf crashed opening it (signal %d)\n", pkg->path,
			WTERMSIG(status));
		return -EINVAL;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		pr_warn("%s: corrupt BPF object: libbpf crashed opening it (exit status %d)\n",
			pkg->path, WEXITSTATUS(status));
		return -EINVAL;
	}
	return 0;
}

/* Takes ownership of text (malloc'd, NUL-terminated). */
static struct rtmin_pkg *open_text(const char *name, char *text, size_t len)
{
	struct rtmin_pkg *pkg = calloc(1, sizeof(*pkg));
	int err;

	if (!pkg || !(pkg->path = cmn_strdup(name))) {
		err = -ENOMEM;
		goto err_free;
	}
	if (rtmin_btfarchive__is_archive(text, len) && (err = read_archive(pkg, &text, &len)))
		goto err_free;
	err = parse_text(pkg, text, len);
	if (!err)
		err = check_shape(pkg);
	if (!err)
		err = decode_object(pkg);
	if (err)
		goto err_free;
	pkg->obj_name = cmn_strdup(rtmin_meta__str(pkg->skel, "obj_name"));
	if (!pkg->obj_name) {
		err = -ENOMEM;
		goto err_free;
	}
	err = probe_open(pkg);
	if (err)
		goto err_free;
	free(text);
	return pkg;
err_free:
	free(text);
	rtmin_pkg__close(pkg);
	errno = -err;
	return NULL;
}

struct rtmin_pkg *rtmin_pkg__open(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int err;

	err = cmn_read_file(path, RTMIN_MAX_PACKAGE, &text, &len);
	if (err) {
		pr_warn("%s: cannot read the package: %s\n", path, strerror(-err));
		errno = -err;
		return NULL;
	}
	return open_text(path, text, len);
}

struct rtmin_pkg *rtmin_pkg__open_mem(const char *name, const void *data, size_t len)
{
	char *text;

	if (len > RTMIN_MAX_PACKAGE) {
		pr_warn("%s: the package is larger than %u bytes\n", name, RTMIN_MAX_PACKAGE);
		errno = EFBIG;
		return NULL;
	}
	text = malloc(len + 1);
	if (!text) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(text, data, len);
	text[len] = '\0';
	return open_text(name, text, len);
}

void rtmin_pkg__close(struct rtmin_pkg *pkg)
{
	if (!pkg)
		return;
	if (pkg->tmpdir)
		cmn_rm_rf(pkg->tmpdir);
	free(pkg->tmpdir);
	free(pkg->btf_path);
	cJSON_Delete(pkg->root);
	free(pkg->elf);
	free(pkg->obj_name);
	free(pkg->path);
	free(pkg);
}

struct bpf_object *rtmin_pkg__open_obj(const struct rtmin_pkg *pkg, const char *btf_path)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = pkg->obj_name,
		    .btf_custom_path = btf_path ? btf_path : pkg->btf_path);
	struct bpf_object *obj;
	int err;

	obj = bpf_object__open_mem(pkg->elf, pkg->elf_len, &opts);
	if (!obj) {
		err = -errno;
		pr_warn("%s: libbpf cannot open the BPF object: %s\n", pkg->path, strerror(-err));
		errno = -err;
	}
	return obj;
}
