// SPDX-License-Identifier: MIT
/*
 * The one compiler subprocess: locating clang, learning (and caching) its
 * system include dirs, the shared preprocessor flags, the compile and the
 * strip. Always argv arrays through cmn_proc_run, never a shell.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"
#include "ecc_job.h"

int ecc_clang__run_tool(struct ecc_job *j, char *const *argv, const char *what)
{
	struct cmn_proc_result res;
	char *cmd = cmn_argv_to_string(argv);
	int err;

	pr_info("ecc: %s: %s\n", what, cmd ? cmd : argv[0]);
	free(cmd);
	/* stdout/stderr pass through: the tool's diagnostics reach the user unchanged. */
	err = cmn_proc_run(argv, CMN_PROC_STDIN_NULL, &res);
	if (err == -ENOENT) {
		pr_warn(
		    "ecc: %s: '%s' not found (install it or name it with an option, see --help)\n",
		    what, argv[0]);
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
	}
	if (err) {
		pr_warn("ecc: %s: cannot start '%s': %s\n", what, argv[0], strerror(-err));
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
	}
	if (res.status) {
		pr_warn("ecc: %s failed (exit status %d)\n", what, res.status);
		err = ecc_job__fail(j, ECC_FAIL_COMPILER, -EINVAL);
	}
	cmn_proc_result__free(&res);
	return err;
}

/* argv[0] as the file that will run: through PATH when it has no '/'. */
/* The clang binary's canonical path: the cache keys on its identity. */
static char *which(const char *bin)
{
	char *found, *real;

	if (strchr(bin, '/'))
		return cmn_realpath(bin);
	found = cmn_which(bin);
	real = found ? cmn_realpath(found) : NULL;
	free(found);
	return real;
}

int ecc_clang__resolve(struct ecc_job *j)
{
	const char *bin = j->o->clang_bin ? j->o->clang_bin : "clang";
	struct stat st;

	j->clang_path = which(bin);
	if (!j->clang_path || stat(j->clang_path, &st) < 0) {
		pr_warn("ecc: clang '%s' not found (install clang or pass -c/--clang-bin PATH)\n",
			bin);
		return ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOENT);
	}
	/* The binary's identity keys every cache entry clang's output depends on. */
	j->clang_key = cmn_asprintf("%s|%lld|%lld.%09ld", j->clang_path, (long long)st.st_size,
				    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	return j->clang_key ? 0 : ecc_job__fail(j, ECC_FAIL_INTERNAL, -ENOMEM);
}

/* `clang -v -E` output: the first line is the version, then the dir list. */
static int parse_sysinc(struct ecc_job *j, const char *text)
{
	const char *start = strstr(text, "#include <...> search starts here:\n");
	const char *stop = strstr(text, "End of search list.");
	const char *nl = strchr(text, '\n'), *p, *e;
	int err;

	if (!nl || !start || !stop || stop < start)
		return -EINVAL;
	j->clang_version = strndup(text, (size_t)(nl - text));
	if (!j->clang_version)
		return -ENOMEM;
	for (p = strchr(start, '\n') + 1; p < stop; p = e + 1) {
		e = strchr(p, '\n');
		if (!e || e > stop)
			break;
		while (*p == ' ')
			p++;
		if (e > p && (err = ecc_strv__push_owned(&j->sysinc, strndup(p, (size_t)(e - p)))))
			return err;
	}
	return 0;
}

static int ask_clang_sysinc(struct ecc_job *j, struct cmn_buf *text)
{
	char *argv[] = {j->clang_path, "-v", "-E", "-x", "c", "/dev/null", "-o", "/dev/null", NULL};
	struct cmn_proc_result res;
	int err;

	err = cmn_proc_run(argv, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &res);
	if (err)
		return err;
	err = res.status ? -EINVAL : cmn_buf__append(text, res.err, res.err_len);
	cmn_proc_result__free(&res);
	return err;
}

int ecc_clang__sysinc(struct ecc_job *j)
{
	struct cmn_buf text = {0};
	char *cached = NULL, *path = NULL;
	size_t len;
	int err;

	if (j->cache_dir) {
		path = cmn_asprintf("%s/sysinc-%016llx.txt", j->cache_dir,
				    (unsigned long long)ecc_hash_str(j->clang_key, 0));
		if (path && cmn_read_file(path, 1 << 20, &cached, &len) == 0 &&
		    parse_sysinc(j, cached) == 0) {
			pr_info("ecc: clang's include dirs: cached in %s\n", path);
			goto out;
		}
	}
	err = ask_clang_sysinc(j, &text);
	if (!err)
		err = parse_sysinc(j, text.ptr);
	if (err) {
		pr_warn("ecc: cannot learn the system include dirs from '%s -v -E'\n",
			j->clang_path);
		ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
		goto out_err;
	}
	if (path)
		ecc_cache__publish(path, text.ptr, text.cnt);
out:
	err = 0;
out_err:
	free(cached);
	free(path);
	cmn_buf__free(&text);
	return err;
}

/*
 * What vmlinux.h's meaning depends on: target, arch macro, the user's extra
 * flags (a -D may change it). vmlinux.h includes nothing, so include dirs
 * are left out: one precompiled header serves every source directory.
 */
static int push_base_flags(struct ecc_job *j, struct ecc_strv *v, bool with_user_flags)
{
	size_t i;
	int err;

	err = ecc_strv__push(v, "-target");
	err = err ?: ecc_strv__push(v, "bpf");
	err = err ?: ecc_strv__push_owned(v, cmn_asprintf("-D__TARGET_ARCH_%s", j->arch));
	err = err ?: ecc_strv__push(v, "-Wno-unknown-attributes");
	for (i = 0; !err && with_user_flags && i < j->o->cflags.cnt; i++)
		err = ecc_strv__push(v, j->o->cflags.ptr[i]);
	return err;
}

#ifndef ECC_LIBBPF_INCLUDEDIR
#define ECC_LIBBPF_INCLUDEDIR "/usr/include"
#endif

/* <bpf/bpf_helpers.h> comes from libbpf's include dir: add it unless clang searches it already. */
static bool libbpf_headers_elsewhere(const struct ecc_job *j)
{
	size_t i;

	if (!*ECC_LIBBPF_INCLUDEDIR)
		return false;
	for (i = 0; i < j->sysinc.cnt; i++)
		if (strcmp(j->sysinc.ptr[i], ECC_LIBBPF_INCLUDEDIR) == 0)
			return false;
	return true;
}

/*
 * Flags the compile and the libclang parse share: the base flags, include
 * dirs in search order (user -I, the source's dir so a user's vmlinux.h
 * wins, ours, then the system dirs after everything), then the user's
 * extra flags.
 */
int ecc_clang__build_pp_args(struct ecc_job *j)
{
	struct ecc_strv *v = &j->pp_args;
	size_t i;
	int err;

	err = push_base_flags(j, &j->pch_args, true);
	err = err ?: push_base_flags(j, v, false);
	for (i = 0; !err && i < j->o->incdirs.cnt; i++)
		err = ecc_strv__push_owned(v, cmn_asprintf("-I%s", j->o->incdirs.ptr[i]));
	err = err ?: ecc_strv__push_owned(v, cmn_asprintf("-I%s", j->src_dir));
	if (!err && j->vmlinux_dir)
		err = ecc_strv__push_owned(v, cmn_asprintf("-I%s", j->vmlinux_dir));
	for (i = 0; !err && i < j->sysinc.cnt; i++)
		err = ecc_strv__push_owned(v, cmn_asprintf("-idirafter%s", j->sysinc.ptr[i]));
	if (!err && libbpf_headers_elsewhere(j))
		err = ecc_strv__push(v, "-idirafter" ECC_LIBBPF_INCLUDEDIR);
	for (i = 0; !err && i < j->o->cflags.cnt; i++)
		err = ecc_strv__push(v, j->o->cflags.ptr[i]);
	return err ? ecc_job__fail(j, ECC_FAIL_INTERNAL, err) : 0;
}

/*
 * The structs of the export header reach the object's BTF through a static,
 * used function taking pointers to them, in a preamble given with -include:
 * the user's file stays the main file (diagnostics unchanged), and nothing
 * lands in .bss/.data. Structs are forward-declared; their definitions come
 * later in the translation unit and complete the debug info.
 */
static int write_preamble(struct ecc_job *j, const char *main_include, char **path)
{
	struct cmn_buf b = {0};
	size_t i;
	int err;

	/* With --header-only this is the translation unit itself, so a .c file. */
	*path = cmn_asprintf("%s/ecc_export_types.%s", j->tmpdir, main_include ? "c" : "h");
	if (!*path)
		return -ENOMEM;
	err = cmn_buf__puts(&b, "/* Generated by ecc: makes the export structs reach BTF. */\n");
	if (!err && main_include)
		err =
		    cmn_buf__printf(&b, "#include \"vmlinux.h\"\n#include \"%s\"\n", main_include);
	for (i = 0; !err && i < j->n_structs; i++)
		err = cmn_buf__printf(&b, "struct %s;\n", j->structs[i]);
	if (!err && j->n_structs)
		err = cmn_buf__puts(&b, "static __attribute__((used)) void __ecc_export_types(");
	for (i = 0; !err && i < j->n_structs; i++)
		err = cmn_buf__printf(&b, "%sstruct %s *p%zu", i ? ", " : "", j->structs[i], i);
	if (!err && j->n_structs)
		err = cmn_buf__puts(&b, ") {}\n");
	if (!err)
		err = cmn_write_file_atomic(*path, b.ptr, b.cnt, 0644);
	cmn_buf__free(&b);
	return err;
}

static int compile_argv(struct ecc_job *j, struct ecc_strv *v, const char *pre, const char *out)
{
	bool hdr_only = j->o->header_only;
	size_t i;
	int err;

	err = ecc_strv__push(v, j->clang_path);
	err = err ?: ecc_strv__push(v, "-g");
	err = err ?: ecc_strv__push(v, "-O2");
	for (i = 0; !err && i < j->pp_args.cnt; i++)
		err = ecc_strv__push(v, j->pp_args.ptr[i]);
	if (!err && j->pch) {
		err = ecc_strv__push(v, "-include-pch");
		err = err ?: ecc_strv__push(v, j->pch);
	}
	if (!err && !hdr_only && j->n_structs) {
		err = ecc_strv__push(v, "-include");
		err = err ?: ecc_strv__push(v, pre);
	}
	/* Temp paths must not leak into .BTF.ext: output is byte-identical per input. */
	err = err ?: ecc_strv__push_owned(v, cmn_asprintf("-fdebug-prefix-map=%s=/ecc", j->tmpdir));
	/* Nor the checkout's location: the same sources give the same package anywhere. */
	err =
	    err ?: ecc_strv__push_owned(v, cmn_asprintf("-fdebug-prefix-map=%s=/src", j->src_dir));
	err = err ?: ecc_strv__push(v, "-c");
	err = err ?: ecc_strv__push(v, hdr_only ? pre : j->src);
	err = err ?: ecc_strv__push(v, "-o");
	err = err ?: ecc_strv__push(v, out);
	return err;
}

int ecc_clang__compile(struct ecc_job *j, const char *obj_out)
{
	struct ecc_strv argv = {0};
	char *pre = NULL;
	int err;

	/* #include "..." has no escapes: such a path cannot be named in the preamble. */
	if (j->o->header_only && strpbrk(j->src, "\"\n")) {
		pr_warn("ecc: %s: a header whose path holds '\"' or a newline cannot be "
			"#included: rename it\n",
			j->o->source);
		return ecc_job__fail(j, ECC_FAIL_INPUT, -EINVAL);
	}
	err = write_preamble(j, j->o->header_only ? j->src : NULL, &pre);
	if (!err)
		err = compile_argv(j, &argv, pre, obj_out);
	if (err)
		err = ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
	else
		err = ecc_clang__run_tool(j, argv.ptr, "compile");
	ecc_strv__free(&argv);
	free(pre);
	return err;
}

int ecc_clang__strip(struct ecc_job *j, const char *in, const char *out)
{
	char *argv[] = {(char *)(j->o->strip_bin ? j->o->strip_bin : "llvm-strip"),
			"-g",
			(char *)in,
			"-o",
			(char *)out,
			NULL};

	return ecc_clang__run_tool(j, argv, "strip debug info");
}
