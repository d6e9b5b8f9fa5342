// SPDX-License-Identifier: MIT
/*
 * The Wasm route of ecc: the Wasm-safe export header, the Wasm skeleton and
 * the default app rendered from templates, app.wasm compiled and linked in
 * one clang call against wasi-libc, then checked against the wasm-bpf ABI
 * before it is written to out_dir. Everything generated for the compile
 * lives in a private mkdtemp directory that is removed afterwards (kept
 * when ECC_KEEP_TMP is set in the environment, to look at the generated
 * skeleton and app).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btfgen_wasm.h"
#include "common.h"
#include "ecc_templates.h"
#include "ecc_wasm.h"
#include "ecc_wasm_int.h"
#include "skelgen_wasm.h"

#define SDK_TEMPLATE "skelgen/guest/ecc_wasm_bpf.h"
#define SKEL_TEMPLATE "templates/wasm/skel.h.in"
#define APP_TEMPLATE "templates/wasm/app.c.in"
#define MAX_WASM_SIZE (256u << 20)

/* The last path component (into a fresh string). */
static char *base_name(const char *path)
{
	char *copy = cmn_strdup(path), *b;

	if (!copy)
		return NULL;
	b = cmn_strdup(basename(copy));
	free(copy);
	return b;
}

/* "<dir>/<stem of export header>.wasm.h", e.g. out/bootstrap.wasm.h. */
static char *wasm_header_path(const char *dir, const char *export_header)
{
	char *b = base_name(export_header), *p;
	size_t n;

	if (!b)
		return NULL;
	n = strlen(b);
	if (n > 2 && !strcmp(b + n - 2, ".h"))
		b[n - 2] = '\0';
	p = cmn_asprintf("%s/%s.wasm.h", dir, b);
	free(b);
	return p;
}

/* An include guard from a file name: FOO_WASM_H for foo.wasm.h. */
static char *guard_for(const char *path)
{
	char *b = base_name(path);

	for (char *c = b; c && *c; c++)
		*c = (*c >= 'a' && *c <= 'z')				      ? *c - 32
		     : ((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')) ? *c
									      : '_';
	return b;
}

int ecc_wasm__write_header(const char *bpf_obj_path, char *const *structs, size_t n,
			   const char *out_path)
{
	char *origin = NULL, *guard = NULL;
	struct btf *btf = NULL;
	struct cmn_buf h = {0};
	int err = -ENOMEM;

	if (!bpf_obj_path || !out_path || (n && !structs)) {
		pr_warn("the Wasm header needs the BPF object, the structs and an output path\n");
		return -EINVAL;
	}
	origin = base_name(bpf_obj_path);
	guard = guard_for(out_path);
	if (!origin || !guard)
		goto out;
	btf = btf__parse(bpf_obj_path, NULL);
	if (!btf) {
		err = -errno;
		pr_warn("%s: cannot read BTF: %s\n", bpf_obj_path, strerror(-err));
		goto out;
	}
	err = btfgen_wasm__header(btf, origin, structs, n, guard, &h);
	if (!err)
		err = cmn_write_file_atomic(out_path, h.ptr, h.cnt, 0644);
	if (err && err != -ENOENT && err != -EINVAL)
		pr_warn("%s: cannot write: %s\n", out_path, strerror(-err));
out:
	btf__free(btf);
	cmn_buf__free(&h);
	free(origin);
	free(guard);
	return err;
}

static int write_file(const char *path, const void *data, size_t len)
{
	int err = cmn_write_file_atomic(path, data, len, 0644);

	if (err)
		pr_warn("%s: cannot write: %s\n", path, strerror(-err));
	return err;
}

/* Render an embedded template with vars into out. */
static int render(const char *tpl_name, const struct skelgen_wasm_vars *v, struct cmn_buf *out)
{
	const char *tpl = ecc_tpl__get(tpl_name, NULL);
	struct ecc_tpl_var *tv = NULL;
	int err = 0;

	if (!tpl) {
		pr_warn("template %s is not built into this ecc\n", tpl_name);
		return -ENOENT;
	}
	/* struct skelgen_wasm_var and struct ecc_tpl_var are both {key, value} */
	tv = calloc(v->cnt ? v->cnt : 1, sizeof(*tv));
	if (!tv)
		return -ENOMEM;
	for (size_t i = 0; i < v->cnt; i++)
		tv[i] = (struct ecc_tpl_var){v->ptr[i].key, v->ptr[i].value};
	err = ecc_tpl__render(tpl_name, tpl, tv, v->cnt, out);
	free(tv);
	return err;
}

/* Render an embedded template with vars into path. */
static int render_to(const char *tpl_name, const struct skelgen_wasm_vars *v, const char *path)
{
	struct cmn_buf out = {0};
	int err = render(tpl_name, v, &out);

	if (!err)
		err = write_file(path, out.ptr, out.cnt);
	cmn_buf__free(&out);
	return err;
}

static int write_sdk(const char *dir)
{
	size_t len = 0;
	const char *sdk = ecc_tpl__get(SDK_TEMPLATE, &len);
	char *path = cmn_asprintf("%s/ecc_wasm_bpf.h", dir);
	int err = sdk && path ? write_file(path, sdk, len) : -ENOMEM;

	free(path);
	return err;
}

static int write_skel(struct skelgen_wasm *s, const char *path)
{
	struct skelgen_wasm_vars v = {0};
	int err = skelgen_wasm__skel_vars(s, &v);

	if (!err)
		err = render_to(SKEL_TEMPLATE, &v, path);
	skelgen_wasm_vars__free(&v);
	return err;
}

/* The default app.c's text. */
static int app_text(struct skelgen_wasm *s, const struct ecc_wasm_opts *o, struct cmn_buf *out)
{
	struct skelgen_wasm_vars v = {0};
	char *skel_h = cmn_asprintf("%s.skel.h", o->obj_name);
	const char *event = o->n_export_structs ? o->export_structs[0] : NULL;
	int err = skel_h ? skelgen_wasm__app_vars(s, event, o->meta, skel_h, &v) : -ENOMEM;

	if (!err)
		err = render(APP_TEMPLATE, &v, out);
	skelgen_wasm_vars__free(&v);
	free(skel_h);
	return err;
}

static int write_app(struct skelgen_wasm *s, const struct ecc_wasm_opts *o, const char *path)
{
	struct cmn_buf out = {0};
	int err = app_text(s, o, &out);

	if (!err)
		err = write_file(path, out.ptr, out.cnt);
	cmn_buf__free(&out);
	return err;
}

/* Name the programs the default app will skip, at build time already. */
static void warn_unattachable(const struct skelgen_wasm *s, const struct ecc_wasm_opts *o)
{
	for (size_t i = 0; i < skelgen_wasm__prog_cnt(s); i++) {
		const char *name, *sec;

		if (skelgen_wasm__prog(s, i, &name, &sec) ||
		    skelgen_wasm__attach_kind(sec) != SKELGEN_WASM_ATTACH_NONE)
			continue;
		pr_warn(
		    "%s: program '%s' (SEC(\"%s\")) cannot be attached through the wasm_bpf ABI "
		    "(tc, perf_event, socket and similar programs need `ecli run package.json`);"
		    " app.wasm will load it but not attach it\n",
		    o->bpf_obj_path, name, sec);
	}
}

/* Headers, skeleton, SDK (and the default app.c) into tmp. *app gets the source to compile. */
static int generate(const struct ecc_wasm_opts *o, const char *tmp, char **app)
{
	struct skelgen_wasm *s = skelgen_wasm__open(o->bpf_obj_path, o->obj_name);
	int err = s ? 0 : -errno;
	char *skel = cmn_asprintf("%s/%s.skel.h", tmp, o->obj_name), *hdr = NULL;

	if (!err && !skel)
		err = -ENOMEM;

	if (!err && o->export_header && o->n_export_structs) {
		hdr = wasm_header_path(tmp, o->export_header);
		err = hdr ? ecc_wasm__write_header(o->bpf_obj_path, o->export_structs,
						   o->n_export_structs, hdr)
			  : -ENOMEM;
	}
	err = err ?: write_sdk(tmp);
	err = err ?: write_skel(s, skel);
	if (!err)
		warn_unattachable(s, o);
	if (!err && !o->app_src) {
		*app = cmn_asprintf("%s/app.c", tmp);
		err = *app ? write_app(s, o, *app) : -ENOMEM;
	} else if (!err) {
		*app = cmn_strdup(o->app_src);
		err = *app ? 0 : -ENOMEM;
	}
	skelgen_wasm__free(s);
	free(skel);
	free(hdr);
	return err;
}

/* One clang call: compile and link app.c into wasm_path. */
static int compile_app(const struct ecc_wasm_opts *o, const struct ecc_wasi *w, const char *tmp,
		       const char *app, const char *wasm_path)
{
	char *sysroot = cmn_asprintf("--sysroot=%s", w->sysroot), *inc = cmn_asprintf("-I%s", tmp);
	const char *clang = o->clang_bin ? o->clang_bin : "clang";
	char *argv[] = {(char *)clang,
			"--target=wasm32-wasi",
			sysroot,
			"-nostdlibinc",
			"-isystem",
			w->include,
			inc,
			"-O2",
			"-Wall",
			"-Wl,--export-table",
			"-Wl,--strip-debug",
			(char *)app,
			"-o",
			(char *)wasm_path,
			NULL};
	struct cmn_proc_result r = {0};
	char *cmd = NULL;
	int err = sysroot && inc ? 0 : -ENOMEM;

	if (!err && o->verbose && (cmd = cmn_argv_to_string(argv)))
		pr_info("%s\n", cmd);
	if (!err)
		err = cmn_proc_run(argv, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r);
	if (err == -ENOENT)
		pr_warn("cannot run %s: install clang (Debian: clang-14)\n", clang);
	else if (!err && r.status) {
		const char *e = r.err ? r.err : "";

		pr_warn("%s: compiling the Wasm app failed:\n%s%s",
			o->app_src ? o->app_src : "app.c", e,
			strstr(e, "undefined symbol")
			    ? "(an app may only call wasi-libc and the wasm_bpf functions "
			      "declared by ecc_wasm_bpf.h)\n"
			    : "");
		err = -EINVAL;
	} else if (!err && r.err && *r.err) {
		pr_warn("%s", r.err); /* the app's warnings: the user's to see */
	}
	cmn_proc_result__free(&r);
	free(cmd);
	free(sysroot);
	free(inc);
	return err;
}

/* Check the linked module, then put it (and the Wasm-safe header) into out_dir. */
static int install(const struct ecc_wasm_opts *o, const char *wasm_path)
{
	char *bytes = NULL, *dst = cmn_asprintf("%s/app.wasm", o->out_dir), *hdr = NULL;
	size_t len;
	int err = dst ? cmn_read_file(wasm_path, MAX_WASM_SIZE, &bytes, &len) : -ENOMEM;

	if (!err)
		err = ecc_wasm__check_module((const uint8_t *)bytes, len, "app.wasm");
	/* out_dir appears only once there is something good to put in it */
	if (!err && (err = cmn_mkdir_p(o->out_dir, 0755)))
		pr_warn("%s: cannot create the output directory: %s\n", o->out_dir, strerror(-err));
	if (!err && o->export_header && o->n_export_structs) {
		hdr = wasm_header_path(o->out_dir, o->export_header);
		err = hdr ? ecc_wasm__write_header(o->bpf_obj_path, o->export_structs,
						   o->n_export_structs, hdr)
			  : -ENOMEM;
	}
	if (!err)
		err = cmn_write_file_atomic(dst, bytes, len, 0755);
	if (!err)
		pr_info("wrote %s (%zu bytes)\n", dst, len);
	free(bytes);
	free(dst);
	free(hdr);
	return err;
}

static bool opts_ok(const struct ecc_wasm_opts *o)
{
	if (o && o->bpf_obj_path && o->obj_name && *o->obj_name && o->out_dir)
		return true;
	pr_warn("the Wasm route needs the BPF object, its name and an output directory\n");
	return false;
}

int ecc_wasm__build(const struct ecc_wasm_opts *o)
{
	struct ecc_wasi w = {0};
	char *tmp = NULL, *app = NULL, *wasm = NULL;
	int err;

	if (!opts_ok(o))
		return -EINVAL;
	err = ecc_wasi__find(o->clang_bin ? o->clang_bin : "clang", o->wasi_sysroot, &w);
	if (err)
		return err;
	tmp = cmn_mkdtemp("ecc-wasm");
	if (!tmp) {
		err = -errno;
		pr_warn("cannot create a temporary directory: %s\n", strerror(-err));
		goto out;
	}
	wasm = cmn_asprintf("%s/app.wasm", tmp);
	err = wasm ? generate(o, tmp, &app) : -ENOMEM;
	err = err ?: compile_app(o, &w, tmp, app, wasm);
	err = err ?: install(o, wasm);
out:
	if (tmp && !getenv("ECC_KEEP_TMP"))
		cmn_rm_rf(tmp);
	free(tmp);
	free(app);
	free(wasm);
	ecc_wasi__free(&w);
	return err;
}

/*
 * Create path, never overwriting it. The temp file lives next to path and is
 * linked in place: a temp dir elsewhere may be another filesystem (EXDEV).
 */
static int write_new_file(const char *path, const void *data, size_t len)
{
	int err = cmn_write_file_new(path, data, len, 0644);

	if (err == -EEXIST)
		pr_warn("%s already exists: not overwriting it (remove it, or edit it and build "
			"with --app %s)\n",
			path, path);
	else if (err)
		pr_warn("%s: cannot write: %s\n", path, strerror(-err));
	return err;
}

int ecc_wasm__gen_app(const struct ecc_wasm_opts *o)
{
	struct skelgen_wasm *s = NULL;
	struct cmn_buf app = {0};
	char *dst = NULL;
	int err;

	if (!opts_ok(o))
		return -EINVAL;
	dst = cmn_asprintf("%s/app.c", o->out_dir);
	err = dst ? 0 : -ENOMEM;
	if (!err && cmn_file_exists(dst)) {
		pr_warn("%s already exists: not overwriting it (remove it, or edit it and build "
			"with --app %s)\n",
			dst, dst);
		err = -EEXIST;
	}
	if (!err && !(s = skelgen_wasm__open(o->bpf_obj_path, o->obj_name)))
		err = -errno;
	err = err ?: app_text(s, o, &app);
	if (!err && (err = cmn_mkdir_p(o->out_dir, 0755)))
		pr_warn("%s: cannot create the output directory: %s\n", o->out_dir, strerror(-err));
	err = err ?: write_new_file(dst, app.ptr, app.cnt);
	if (!err)
		pr_info("wrote %s\n", dst);
	skelgen_wasm__free(s);
	cmn_buf__free(&app);
	free(dst);
	return err;
}
