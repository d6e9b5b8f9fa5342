// SPDX-License-Identifier: MIT
/*
 * One compilation, start to end: check inputs, prepare vmlinux.h and the
 * caches, find the export structs, compile (with the doc-comment parse
 * running in a thread meanwhile), strip, build the metadata, write outputs.
 * Outputs are written only once everything succeeded.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <clang-c/Index.h>
#include "common.h"
#include "ecc_doc.h"
#include "ecc_job.h"
#include "skelgen.h"

int ecc_job__fail(struct ecc_job *j, enum ecc_fail kind, int err)
{
	if (j->fail == ECC_FAIL_NONE)
		j->fail = kind;
	return err;
}

/* uname machine -> the __TARGET_ARCH_ suffix libbpf's bpf_tracing.h knows. */
static const char *host_arch(void)
{
	static const struct {
		const char *machine, *arch;
	} map[] = {
	    {"x86_64", "x86"},	  {"i686", "x86"},
	    {"aarch64", "arm64"}, {"armv7l", "arm"},
	    {"s390x", "s390"},	  {"ppc64le", "powerpc"},
	    {"ppc64", "powerpc"}, {"mips64", "mips"},
	    {"riscv64", "riscv"}, {"loongarch64", "loongarch"},
	};
	struct utsname u;
	size_t i;

	if (uname(&u) == 0)
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strcmp(u.machine, map[i].machine) == 0)
				return map[i].arch;
	return "x86";
}

static bool ends_with(const char *s, const char *sfx)
{
	size_t n = strlen(s), m = strlen(sfx);

	return n >= m && strcmp(s + n - m, sfx) == 0;
}

/* foo.bpf.c -> foo.bpf.o / foo_bpf / foo; header-only foo.h -> foo.bpf.o / foo_bpf / foo. */
static int derive_names(struct ecc_job *j)
{
	char *copy = cmn_strdup(j->src), *base, *p;
	size_t n;
	int err = -ENOMEM;

	if (!copy)
		return err;
	base = basename(copy);
	n = strlen(base);
	if (ends_with(base, ".c") || ends_with(base, ".h"))
		base[n - 2] = '\0';
	if (j->o->header_only)
		j->obj_file = cmn_asprintf("%s.bpf.o", base);
	else
		j->obj_file = cmn_asprintf("%s.o", base);
	if (!j->obj_file)
		goto out;
	j->obj_name = strndup(j->obj_file, strlen(j->obj_file) - 2);
	if (!j->obj_name)
		goto out;
	for (p = j->obj_name; *p; p++)
		if (!isalnum((unsigned char)*p))
			*p = '_';
	if (ends_with(base, ".bpf"))
		base[strlen(base) - 4] = '\0';
	j->stem = cmn_strdup(base);
	err = j->stem ? 0 : -ENOMEM;
out:
	free(copy);
	return err;
}

static int check_input(const char *path, const char *what, char **abs_out)
{
	if (cmn_is_dir(path)) {
		pr_warn("ecc: %s '%s' is a directory, not a file\n", what, path);
		return -EISDIR;
	}
	if (!cmn_file_exists(path)) {
		pr_warn("ecc: %s '%s': no such file\n", what, path);
		return -ENOENT;
	}
	*abs_out = cmn_realpath(path);
	return *abs_out ? 0 : -errno;
}

/*
 * Fail early when the output path cannot become a directory (its nearest
 * existing ancestor is not one), without creating anything: a run that
 * fails later must leave nothing behind, not even an empty directory.
 */
static int check_out_dir(const char *out)
{
	char *p, *up;
	int err = 0;

	if (!*out) {
		pr_warn("ecc: the output path is empty (give -o/--output-path a directory)\n");
		return -ENOENT;
	}
	p = cmn_strdup(out);

	while (p && !cmn_is_dir(p)) {
		if (access(p, F_OK) == 0 || strcmp(p, "/") == 0 || strcmp(p, ".") == 0) {
			err = -ENOTDIR;
			break;
		}
		up = cmn_strdup(dirname(p));
		free(p);
		p = up;
	}
	if (!p)
		return -ENOMEM;
	if (err)
		pr_warn("ecc: output path '%s' cannot be a directory: '%s' is not one\n", out, p);
	free(p);
	return err;
}

static int setup(struct ecc_job *j)
{
	char *copy;
	int err;

	err = check_input(j->o->source, j->o->header_only ? "header" : "source", &j->src);
	if (!err && j->o->header)
		err = check_input(j->o->header, "export header", &j->hdr);
	if (err)
		return ecc_job__fail(j, ECC_FAIL_INPUT, err);
	copy = cmn_strdup(j->src);
	j->src_dir = copy ? cmn_strdup(dirname(copy)) : NULL;
	free(copy);
	j->out_dir = cmn_strdup(j->o->out_dir ? j->o->out_dir : j->src_dir);
	if (!j->src_dir || !j->out_dir || derive_names(j))
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOMEM);
	err = check_out_dir(j->out_dir);
	if (err)
		return ecc_job__fail(j, ECC_FAIL_INPUT, err);
	j->arch = j->o->target_arch ? j->o->target_arch : host_arch();
	j->tmpdir = cmn_mkdtemp("ecc-");
	if (!j->tmpdir)
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -errno);
	j->cache_dir = ecc_cache__dir();
	return 0;
}

static int find_structs(struct ecc_job *j)
{
	const char *hdr = j->o->header_only ? j->src : j->hdr;
	int err;

	if (!hdr)
		return 0;
	err = ecc_doc__header_structs(hdr, j->pp_args.ptr, (int)j->pp_args.cnt, &j->structs,
				      &j->n_structs);
	if (!err && !j->n_structs) {
		pr_warn("%s: defines no struct to export (declare the event structs there)\n", hdr);
		err = -EINVAL;
	}
	for (size_t i = 0; !err && i < j->n_structs; i++)
		pr_info("ecc: export struct %s (from %s)\n", j->structs[i], hdr);
	return err ? ecc_job__fail(j, ECC_FAIL_INPUT, err) : 0;
}

/* ---- the doc-comment parse, overlapped with clang ---------------------- */

struct doc_task {
	pthread_t thread;
	bool started;
	struct ecc_strv args;
	const char *path;
	cJSON *out;
	int err;
};

static void *doc_main(void *arg)
{
	struct doc_task *t = arg;

	t->err = ecc_doc__parse_source(t->path, t->args.ptr, (int)t->args.cnt, &t->out);
	return NULL;
}

/*
 * libclang can reuse clang's precompiled header only when it can read it
 * (same version, compatible build). Checked once per header by parsing an
 * empty file with it; the answer is remembered next to it ("<pch>.libclang"
 * or "<pch>.nolibclang").
 */
static bool libclang_reads_pch(struct ecc_job *j)
{
	char *marker = cmn_asprintf("%s.libclang", j->pch);
	char *refused = cmn_asprintf("%s.nolibclang", j->pch);
	CXString v = clang_getClangVersion();
	bool ok = j->clang_version && strcmp(clang_getCString(v), j->clang_version) == 0;
	struct CXUnsavedFile empty = {"/ecc-pch-check.c", "", 0};
	struct ecc_strv args = {0};
	CXTranslationUnit tu = NULL;
	CXIndex idx = NULL;
	size_t i;
	int err;

	clang_disposeString(v);
	if (!ok || !marker || !refused || cmn_file_exists(marker))
		goto out;
	if (cmn_file_exists(refused)) {
		ok = false;
		goto out;
	}
	/* The flags the header was built with, as the doc parse will use them. */
	err = ecc_strv__push(&args, "-g");
	err = err ?: ecc_strv__push(&args, "-O2");
	for (i = 0; !err && i < j->pch_args.cnt; i++)
		err = ecc_strv__push(&args, j->pch_args.ptr[i]);
	err = err ?: ecc_strv__push(&args, "-include-pch");
	err = err ?: ecc_strv__push(&args, j->pch);
	idx = err ? NULL : clang_createIndex(1, 0);
	ok =
	    idx && clang_parseTranslationUnit2(idx, empty.Filename, (const char *const *)args.ptr,
					       (int)args.cnt, &empty, 1, 0, &tu) == CXError_Success;
	if (tu)
		clang_disposeTranslationUnit(tu);
	if (idx)
		clang_disposeIndex(idx);
	ecc_strv__free(&args);
	/* Either answer is remembered: the check costs a parse. */
	ecc_cache__publish(ok ? marker : refused, "", 0);
	if (!ok)
		pr_info("ecc: libclang cannot read %s: doc comments parsed without it\n", j->pch);
out:
	free(marker);
	free(refused);
	return ok;
}

static int doc_start(struct ecc_job *j, struct doc_task *t)
{
	size_t i;
	int err = 0;

	t->path = j->src;
	/* -g -O2 as for the compile: a precompiled header must see the same macros. */
	err = ecc_strv__push(&t->args, "-g");
	err = err ?: ecc_strv__push(&t->args, "-O2");
	for (i = 0; !err && i < j->pp_args.cnt; i++)
		err = ecc_strv__push(&t->args, j->pp_args.ptr[i]);
	if (!err && j->pch && libclang_reads_pch(j)) {
		err = ecc_strv__push(&t->args, "-include-pch");
		err = err ?: ecc_strv__push(&t->args, j->pch);
	}
	if (!err) {
		char *cmd = cmn_argv_to_string(t->args.ptr);

		pr_info("ecc: doc comments (libclang, in parallel): %s %s\n", cmd ? cmd : "",
			t->path);
		free(cmd);
		err = -pthread_create(&t->thread, NULL, doc_main, t);
	}
	if (err)
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
	t->started = true;
	return 0;
}

static int doc_join(struct ecc_job *j, struct doc_task *t)
{
	if (!t->started)
		return 0;
	pthread_join(t->thread, NULL);
	t->started = false;
	if (t->err)
		return ecc_job__fail(j, ECC_FAIL_INPUT, t->err);
	pr_info("ecc: doc comments of %s parsed\n", t->path);
	j->doc = t->out;
	t->out = NULL;
	return 0;
}

/* ---- compile ------------------------------------------------------------ */

/* Every export struct must be a complete struct in the object's BTF. */
static int check_structs_reached(struct ecc_job *j, const char *obj_path)
{
	struct btf *btf = btf__parse_elf(obj_path, NULL);
	const char *hdr = j->o->header_only ? j->o->source : j->o->header;
	size_t i;
	int err = 0;

	if (!btf) {
		pr_warn("ecc: %s: the compiled object has no BTF\n", j->obj_file);
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -EINVAL);
	}
	for (i = 0; i < j->n_structs && !err; i++) {
		if (btf__find_by_name_kind(btf, j->structs[i], BTF_KIND_STRUCT) > 0)
			continue;
		pr_warn("%s: struct %s is not defined in what %s compiles (does it #include "
			"\"%s\"?)\n",
			hdr, j->structs[i], j->o->source, hdr);
		err = ecc_job__fail(j, ECC_FAIL_INPUT, -ENOENT);
	}
	btf__free(btf);
	return err;
}

static int compile(struct ecc_job *j)
{
	char *raw = cmn_asprintf("%s/%s", j->tmpdir, j->obj_file);
	char *stripped = cmn_asprintf("%s/stripped.o", j->tmpdir);
	int err = -ENOMEM;

	if (!raw || !stripped)
		goto out;
	err = ecc_clang__compile(j, raw);
	err = err ?: ecc_clang__strip(j, raw, stripped);
	err = err ?: check_structs_reached(j, stripped);
	if (err)
		goto out;
	err = cmn_read_file(stripped, 1u << 30, (char **)&j->obj, &j->obj_len);
out:
	free(raw);
	free(stripped);
	return err ? ecc_job__fail(j, ECC_FAIL_INTERNAL, err) : 0;
}

static int build_meta(struct ecc_job *j)
{
	struct skelgen_skel_opts so = {
	    .obj = j->obj,
	    .obj_len = j->obj_len,
	    .obj_name = j->obj_name,
	    .export_structs = j->structs,
	    .n_export_structs = j->n_structs,
	    .doc = j->doc,
	    .version = ecc_version(),
	};
	int err = skelgen_skel__build(&so, &j->meta);

	return err ? ecc_job__fail(j, ECC_FAIL_INPUT, err) : 0;
}

static int prepare(struct ecc_job *j)
{
	int err;

	err = setup(j);
	err = err ?: ecc_clang__resolve(j);
	err = err ?: ecc_clang__sysinc(j);
	err = err ?: ecc_vmlinux__prepare(j);
	err = err ?: ecc_clang__build_pp_args(j);
	err = err ?: ecc_vmlinux__pch(j);
	return err;
}

static void job_free(struct ecc_job *j)
{
	if (j->tmpdir)
		cmn_rm_rf(j->tmpdir);
	free(j->tmpdir);
	free(j->src);
	free(j->hdr);
	free(j->src_dir);
	free(j->out_dir);
	free(j->obj_file);
	free(j->obj_name);
	free(j->stem);
	free(j->cache_dir);
	free(j->clang_path);
	free(j->clang_key);
	free(j->clang_version);
	ecc_strv__free(&j->sysinc);
	free(j->vmlinux_dir);
	free(j->pch);
	ecc_strv__free(&j->pp_args);
	ecc_strv__free(&j->pch_args);
	ecc_doc__free_names(j->structs, j->n_structs);
	free(j->obj);
	cJSON_Delete(j->doc);
	cJSON_Delete(j->meta);
}

int ecc_run(const struct ecc_opts *o, enum ecc_fail *fail)
{
	struct ecc_job j = {.o = o};
	struct doc_task doc = {0};
	int err, derr;

	err = prepare(&j);
	err = err ?: find_structs(&j);
	if (!err && !o->header_only)
		err = doc_start(&j, &doc);
	err = err ?: compile(&j);
	derr = doc_join(&j, &doc);
	err = err ?: derr;
	err = err ?: build_meta(&j);
	err = err ?: ecc_out__write(&j);
	*fail = err ? (j.fail ? j.fail : ECC_FAIL_INTERNAL) : ECC_FAIL_NONE;
	cJSON_Delete(doc.out);
	ecc_strv__free(&doc.args);
	job_free(&j);
	return err;
}
