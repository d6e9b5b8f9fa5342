// SPDX-License-Identifier: MIT
/*
 * Writing the outputs: everything is rendered in memory first, then each
 * file is written atomically (temp + rename), so a failed run leaves no
 * partial package behind. Then the optional Wasm and BTF-archive routes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "common_yaml.h"
#include "skelgen.h"
#include "ecc_job.h"
#ifdef ECC_HAVE_WASM
#include "ecc_wasm.h"
#endif
#ifdef ECC_HAVE_BTFGEN
#include "ecc_btfgen.h"
#endif
#include "ecc_standalone.h"

struct out_file {
	char *path;
	char *data;
	size_t len;
};

/*
 * JSON (newline-terminated; tab-indented when `pretty`, compact for the
 * package, which is mostly base64) or YAML text of a tree.
 */
static int render(const cJSON *tree, bool yaml, bool pretty, char **data, size_t *len)
{
	char *text;

	if (yaml)
		return cmn_yaml_emit(tree, data, len);
	text = pretty ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree);
	if (!text)
		return -ENOMEM;
	*data = cmn_asprintf("%s\n", text);
	cJSON_free(text);
	if (!*data)
		return -ENOMEM;
	*len = strlen(*data);
	return 0;
}

static int render_all(struct ecc_job *j, struct out_file *f, size_t *n)
{
	const char *ext = j->o->yaml ? "yaml" : "json";
	cJSON *pkg = NULL;
	int err;

	*n = 0;
	f[*n].path = cmn_asprintf("%s/%s", j->out_dir, j->obj_file);
	f[*n].data = malloc(j->obj_len ? j->obj_len : 1);
	if (!f[*n].path || !f[*n].data)
		return -ENOMEM;
	memcpy(f[*n].data, j->obj, j->obj_len);
	f[(*n)++].len = j->obj_len;

	f[*n].path = cmn_asprintf("%s/%s.skel.%s", j->out_dir, j->stem, ext);
	if (!f[*n].path)
		return -ENOMEM;
	err = render(j->meta, j->o->yaml, true, &f[*n].data, &f[*n].len);
	if (err)
		return err;
	(*n)++;
	if (j->o->no_package || j->o->header_only)
		return 0;
	f[*n].path = cmn_asprintf("%s/package.%s", j->out_dir, ext);
	if (!f[*n].path)
		return -ENOMEM;
	err = skelgen_pkg__build(j->obj, j->obj_len, j->meta, &pkg);
	if (!err)
		err = render(pkg, j->o->yaml, false, &f[*n].data, &f[*n].len);
	cJSON_Delete(pkg);
	if (!err)
		(*n)++;
	return err;
}

#ifdef ECC_HAVE_WASM
static int wasm_route(struct ecc_job *j, const char *obj_path)
{
	struct ecc_wasm_opts w = {
	    .bpf_obj_path = obj_path,
	    .obj_name = j->obj_name,
	    .export_header = j->hdr,
	    .export_structs = j->structs,
	    .n_export_structs = j->n_structs,
	    .meta = j->meta,
	    .out_dir = j->out_dir,
	    .app_src = j->o->app,
	    .wasi_sysroot = j->o->wasi_sysroot,
	    .clang_bin = j->clang_path,
	    .verbose = j->o->verbose,
	};
	char *hdr;
	int err = 0;

	if (j->o->header_only) {
		hdr = cmn_asprintf("%s/%s.wasm.h", j->out_dir, j->stem);
		err =
		    hdr ? ecc_wasm__write_header(obj_path, j->structs, j->n_structs, hdr) : -ENOMEM;
		free(hdr);
		return err;
	}
	if (j->o->gen_wasm_app)
		err = ecc_wasm__gen_app(&w);
	if (!err && j->o->wasm)
		err = ecc_wasm__build(&w);
	return err;
}
#endif

#ifdef ECC_HAVE_BTFGEN
static int btfgen_route(struct ecc_job *j, const char *obj_path)
{
	char *pkg = cmn_asprintf("%s/package.json", j->out_dir);
	char *tar = cmn_asprintf("%s/%s.tar", j->out_dir, j->stem);
	struct ecc_btfgen_opts b = {
	    .bpf_obj_path = obj_path,
	    .package_json = pkg,
	    .archive_dir = j->o->btfhub_archive,
	    .out_tar = tar,
	    .verbose = j->o->verbose,
	};
	int err = (pkg && tar) ? ecc_btfgen__pack(&b) : -ENOMEM;

	free(pkg);
	free(tar);
	return err;
}
#endif

/*
 * <out>/<name>: the ecli stub with the package appended; with --btfgen the
 * tar, so the executable carries the tailored BTF too.
 */
static int standalone_route(struct ecc_job *j)
{
	const char *ext = j->o->yaml ? "yaml" : "json";
	char *pkg, *exe;
	int err = -ENOMEM;

	pkg = j->o->btfgen ? cmn_asprintf("%s/%s.tar", j->out_dir, j->stem)
			   : cmn_asprintf("%s/package.%s", j->out_dir, ext);
	exe = cmn_asprintf("%s/%s", j->out_dir, j->stem);
	if (pkg && exe)
		err = ecc_standalone__write(pkg, NULL, exe);
	free(pkg);
	free(exe);
	if (!err)
		return 0;
	/* No stub is a missing tool; anything else is about the output path. */
	return ecc_job__fail(j, err == -ENOENT ? ECC_FAIL_INTERNAL : ECC_FAIL_INPUT, err);
}

static int extra_routes(struct ecc_job *j, const char *obj_path)
{
	int err = 0;

#ifdef ECC_HAVE_WASM
	if (j->o->wasm || j->o->gen_wasm_app || j->o->header_only)
		err = wasm_route(j, obj_path);
#endif
#ifdef ECC_HAVE_BTFGEN
	if (!err && j->o->btfgen)
		err = btfgen_route(j, obj_path);
#endif
	if (err)
		return ecc_job__fail(j, ECC_FAIL_INPUT, err);
	return j->o->standalone ? standalone_route(j) : 0;
}

int ecc_out__write(struct ecc_job *j)
{
	struct out_file f[3] = {{0}};
	size_t n = 0, i;
	int err;

	err = render_all(j, f, &n);
	if (!err) {
		err = cmn_mkdir_p(j->out_dir, 0755);
		if (err)
			pr_warn("ecc: cannot create output directory '%s': %s\n", j->out_dir,
				strerror(-err));
	}
	for (i = 0; !err && i < n; i++) {
		err = cmn_write_file_atomic(f[i].path, f[i].data, f[i].len, 0644);
		if (err)
			pr_warn("ecc: cannot write %s: %s\n", f[i].path, strerror(-err));
		else
			pr_info("ecc: wrote %s\n", f[i].path);
	}
	if (err) {
		/* Leave no partial set of outputs behind. */
		while (i-- > 0)
			remove(f[i].path);
		err = ecc_job__fail(j, ECC_FAIL_INTERNAL, err);
	} else {
		err = extra_routes(j, f[0].path);
	}
	for (i = 0; i < 3; i++) {
		free(f[i].path);
		free(f[i].data);
	}
	return err;
}
