// SPDX-License-Identifier: MIT
/*
 * vmlinux.h, made in process from kernel BTF with libbpf's btf_dump and
 * cached per BTF content; and its precompiled form, the main speed lever
 * (parsing vmlinux.h is most of a compile), cached per clang binary, BTF and
 * every flag: clang silently ignores a -D that would change vmlinux.h under a
 * precompiled header, so any flag change must pick another entry.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "btfgen.h"
#include "ecc_job.h"

#define DEFAULT_BTF "/sys/kernel/btf/vmlinux"

/* A vmlinux.h next to the source or in a -I dir wins over ours. */
static bool user_has_vmlinux(struct ecc_job *j)
{
	char *p = cmn_asprintf("%s/vmlinux.h", j->src_dir);
	bool found = p && cmn_file_exists(p);
	size_t i;

	free(p);
	for (i = 0; !found && i < j->o->incdirs.cnt; i++) {
		p = cmn_asprintf("%s/vmlinux.h", j->o->incdirs.ptr[i]);
		found = p && cmn_file_exists(p);
		free(p);
	}
	return found;
}

static int dump_vmlinux(const char *btf_path, const char *out)
{
	struct cmn_buf text = {0};
	struct btf *btf;
	int err;

	btf = btf__parse(btf_path, NULL);
	if (!btf) {
		char why[128];

		err = -errno;
		libbpf_strerror(err, why, sizeof(why));
		pr_warn("ecc: %s: not a BTF file or an ELF with .BTF (%s)\n", btf_path, why);
		return err;
	}
	err = btfgen_type__dump_header(btf, &text);
	if (!err)
		err = ecc_cache__publish(out, text.ptr, text.cnt);
	btf__free(btf);
	cmn_buf__free(&text);
	return err;
}

/* Stream the BTF through the hash: no copy of the whole file is kept. */
static int hash_file(const char *path, uint64_t *hash)
{
	size_t chunk = 1u << 20, fill = 0;
	uint64_t h = 0;
	char *buf = malloc(chunk);
	ssize_t n;
	int fd, err = 0;

	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	for (;;) {
		n = read(fd, buf + fill, chunk - fill);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		fill += (size_t)n;
		if (n == 0 || fill == chunk) { /* full chunks are multiples of 8 */
			h = ecc_hash_wide(buf, fill, h);
			fill = 0;
		}
		if (n == 0)
			break;
	}
	close(fd);
	free(buf);
	*hash = h;
	return err;
}

static int hash_btf(struct ecc_job *j, const char *btf_path)
{
	int err = cmn_file_exists(btf_path) ? hash_file(btf_path, &j->btf_hash) : -ENOENT;

	if (err)
		pr_warn("ecc: cannot read kernel BTF %s: %s%s\n", btf_path, strerror(-err),
			j->o->btf_path
			    ? ""
			    : " (pass --btf FILE or keep a vmlinux.h next to the source)");
	return err;
}

int ecc_vmlinux__prepare(struct ecc_job *j)
{
	const char *btf_path = j->o->btf_path ? j->o->btf_path : DEFAULT_BTF;
	char *file = NULL;
	int err;

	if (user_has_vmlinux(j) && !j->o->btf_path) {
		pr_info("ecc: using the vmlinux.h next to the source\n");
		return 0;
	}
	err = hash_btf(j, btf_path);
	if (err)
		return ecc_job__fail(j, ECC_FAIL_INPUT, err);
	if (j->cache_dir)
		j->vmlinux_dir = cmn_asprintf("%s/vmlinux-%016llx", j->cache_dir,
					      (unsigned long long)j->btf_hash);
	else
		j->vmlinux_dir = cmn_asprintf("%s/vmlinux", j->tmpdir);
	if (!j->vmlinux_dir)
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOMEM);
	file = cmn_asprintf("%s/vmlinux.h", j->vmlinux_dir);
	if (!file)
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOMEM);
	err = 0;
	if (cmn_file_exists(file))
		pr_info("ecc: vmlinux.h: cached %s\n", file);
	else {
		pr_info("ecc: generating %s from %s\n", file, btf_path);
		err = cmn_mkdir_p(j->vmlinux_dir, 0755);
		err = err ?: dump_vmlinux(btf_path, file);
		if (err)
			err = ecc_job__fail(j, ECC_FAIL_INPUT, err);
	}
	free(file);
	return err;
}

/*
 * A precompiled header records its vmlinux.h's path and mtime, and clang
 * refuses it when they change: a regenerated vmlinux.h (say the cache was
 * partly cleaned) must get a new entry, so its identity is in the key.
 */
static char *pch_path(struct ecc_job *j)
{
	uint64_t h = ecc_hash_str(j->clang_key, j->btf_hash);
	char *file = cmn_asprintf("%s/vmlinux.h", j->vmlinux_dir);
	struct stat st = {0};
	size_t i;

	if (!file)
		return NULL;
	stat(file, &st);
	free(file);
	h = ecc_hash(&st.st_ino, sizeof(st.st_ino), h);
	h = ecc_hash(&st.st_mtim, sizeof(st.st_mtim), h);
	h = ecc_hash_str(j->vmlinux_dir, h);
	h = ecc_hash_str(j->clang_version ? j->clang_version : "", h);
	for (i = 0; i < j->pch_args.cnt; i++)
		h = ecc_hash_str(j->pch_args.ptr[i], h);
	return cmn_asprintf("%s/pch-%016llx.pch", j->cache_dir, (unsigned long long)h);
}

static int build_pch(struct ecc_job *j, const char *path)
{
	struct ecc_strv argv = {0};
	struct cmn_proc_result res = {0};
	/* a unique name next to the entry (same filesystem for the publishing
	 * link), so two compiles in one process or in two never share it */
	char *tmp = cmn_asprintf("%s.tmp.XXXXXX", path);
	size_t i;
	int err, fd = tmp ? mkstemp(tmp) : -1;

	if (fd < 0) {
		err = tmp ? -errno : -ENOMEM;
		free(tmp);
		return err;
	}
	close(fd);
	err = ecc_strv__push(&argv, j->clang_path);
	err = err ?: ecc_strv__push(&argv, "-g");
	err = err ?: ecc_strv__push(&argv, "-O2");
	for (i = 0; !err && i < j->pch_args.cnt; i++)
		err = ecc_strv__push(&argv, j->pch_args.ptr[i]);
	err = err ?: ecc_strv__push(&argv, "-x");
	err = err ?: ecc_strv__push(&argv, "c-header");
	err = err ?: ecc_strv__push_owned(&argv, cmn_asprintf("%s/vmlinux.h", j->vmlinux_dir));
	err = err ?: ecc_strv__push(&argv, "-o");
	err = err ?: ecc_strv__push(&argv, tmp);
	if (!err) {
		char *cmd = cmn_argv_to_string(argv.ptr);

		pr_info("ecc: precompile vmlinux.h: %s\n", cmd ? cmd : "");
		free(cmd);
		err = cmn_proc_run(
		    argv.ptr, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL,
		    &res);
		if (!err && res.status) {
			pr_info("ecc: precompiling vmlinux.h failed, compiling without it:\n%s",
				res.err ? res.err : "");
			err = -EINVAL;
		}
		cmn_proc_result__free(&res);
	}
	if (!err)
		err = ecc_cache__publish_file(tmp, path);
	else if (tmp)
		unlink(tmp);
	ecc_strv__free(&argv);
	free(tmp);
	return err;
}

/* Best effort: without a precompiled header the compile is slower, not wrong. */
int ecc_vmlinux__pch(struct ecc_job *j)
{
	char *path;

	if (!j->vmlinux_dir || !j->cache_dir || j->o->no_pch)
		return 0;
	path = pch_path(j);
	if (!path)
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOMEM);
	if (cmn_file_exists(path))
		pr_info("ecc: precompiled vmlinux.h: cached %s\n", path);
	if (cmn_file_exists(path) || build_pch(j, path) == 0) {
		j->pch = path;
		return 0;
	}
	free(path);
	return 0;
}
