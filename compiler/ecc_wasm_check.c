// SPDX-License-Identifier: MIT
/*
 * The toolchain a guest needs (wasi-libc, clang's wasm32 builtins, wasm-ld)
 * and the check of the linked module against the wasm-bpf ABI, read with
 * the engine's own decoder (runtime-min/wasm) rather than a disassembler.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common.h"
#include "ecc_wasm_int.h"
#ifdef ECC_HAVE_WASMI
#include "wasmi.h"
#endif

#define WASI_PACKAGES "wasi-libc, libclang-rt-14-dev-wasm32 and lld"
#define WASI_APT "apt-get install wasi-libc libclang-rt-14-dev-wasm32 lld"

void ecc_wasi__free(struct ecc_wasi *w)
{
	if (!w)
		return;
	free(w->sysroot);
	free(w->include);
	*w = (struct ecc_wasi){0};
}

static bool has(const char *dir, const char *rel)
{
	char *p = cmn_asprintf("%s/%s", dir, rel);
	bool ok = p && cmn_file_exists(p);

	free(p);
	return ok;
}

/* clang -print-...: the path it prints, or NULL when it cannot say. */
static char *clang_print(const char *clang, const char *what)
{
	char *argv[] = {(char *)clang, "--target=wasm32-wasi", (char *)what, NULL};
	struct cmn_proc_result r = {0};
	char *out = NULL;

	if (!cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL,
			  &r) &&
	    !r.status && r.out) {
		r.out[strcspn(r.out, "\n")] = '\0';
		out = cmn_strdup(r.out);
	}
	cmn_proc_result__free(&r);
	return out;
}

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	bool found = false;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	copy = cmn_strdup(path ? path : "/usr/bin:/bin");
	for (dir = copy ? strtok_r(copy, ":", &save) : NULL; dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *p = cmn_asprintf("%s/%s", dir, prog);

		found = p && access(p, X_OK) == 0;
		free(p);
	}
	free(copy);
	return found;
}

static int check_toolchain(const char *clang)
{
	char *rt = clang_print(clang, "-print-libgcc-file-name");
	char *ld = clang_print(clang, "-print-prog-name=wasm-ld");
	int err = 0;

	if (!rt || !cmn_file_exists(rt)) {
		pr_warn("%s has no wasm32 builtins library (%s): install the Debian "
			"packages " WASI_PACKAGES " (" WASI_APT ")\n",
			clang, rt ? rt : "unknown path");
		err = -ENOENT;
	} else if (!ld || !in_path(ld)) {
		pr_warn(
		    "%s cannot find the wasm-ld linker: install the Debian packages " WASI_PACKAGES
		    " (" WASI_APT ")\n",
		    clang);
		err = -ENOENT;
	}
	free(rt);
	free(ld);
	return err;
}

int ecc_wasi__find(const char *clang, const char *dir, struct ecc_wasi *w)
{
	const char *root = dir ? dir : "/usr";

	*w = (struct ecc_wasi){0};
	if (has(root, "include/wasm32-wasi/stdio.h") && has(root, "lib/wasm32-wasi/libc.a"))
		w->include = cmn_asprintf("%s/include/wasm32-wasi", root);
	else if (has(root, "include/stdio.h") && has(root, "lib/wasm32-wasi/libc.a"))
		w->include = cmn_asprintf("%s/include", root);
	else {
		pr_warn("no wasi-libc in %s (looked for %s/include/wasm32-wasi/stdio.h and "
			"%s/lib/wasm32-wasi/libc.a): install the Debian packages " WASI_PACKAGES
			" (" WASI_APT ")%s\n",
			root, root, root, dir ? ", or point --wasi-sysroot at a WASI sysroot" : "");
		return -ENOENT;
	}
	w->sysroot = cmn_strdup(root);
	if (!w->include || !w->sysroot) {
		ecc_wasi__free(w);
		return -ENOMEM;
	}
	return check_toolchain(clang);
}

#ifdef ECC_HAVE_WASMI
/* The six wasm_bpf imports and their Wasm types ("params:results"). */
static const struct {
	const char *name;
	const char *sig;
} abi_imports[] = {
    {"wasm_load_bpf_object", "ii:I"},	   {"wasm_attach_bpf_program", "Iii:i"},
    {"wasm_bpf_buffer_poll", "Iiiiiii:i"}, {"wasm_bpf_map_fd_by_name", "Ii:i"},
    {"wasm_bpf_map_operate", "iiiiiI:i"},  {"wasm_close_bpf_object", "I:i"},
};

static int check_import(const char *file, const char *mod, const char *name, int kind,
			const char *sig)
{
	if (kind == 0 && !strcmp(mod, "wasi_snapshot_preview1"))
		return 0;
	if (kind == 0 && !strcmp(mod, "wasm_bpf")) {
		for (size_t i = 0; i < sizeof(abi_imports) / sizeof(abi_imports[0]); i++) {
			if (strcmp(name, abi_imports[i].name))
				continue;
			if (!strcmp(sig, abi_imports[i].sig))
				return 0;
			pr_warn("%s: import wasm_bpf.%s has type %s, the wasm-bpf ABI says %s "
				"(declare it as ecc_wasm_bpf.h does)\n",
				file, name, sig, abi_imports[i].sig);
			return -EINVAL;
		}
		pr_warn("%s: imports wasm_bpf.%s, which the wasm-bpf ABI does not have\n", file,
			name);
		return -EINVAL;
	}
	pr_warn("%s: imports %s.%s%s: wasm-bpf runtimes provide only wasm_bpf.* and "
		"wasi_snapshot_preview1.* functions\n",
		file, mod, name, kind ? " (not a function)" : "");
	return -EINVAL;
}

static int check_exports(const struct wasmi_module *m, const char *file)
{
	static const struct {
		const char *name;
		int kind;
	} need[] = {{"memory", 2}, {"_start", 0}, {"__indirect_function_table", 1}};

	for (size_t k = 0; k < sizeof(need) / sizeof(need[0]); k++) {
		bool found = false;

		for (size_t i = 0; i < wasmi_module__export_cnt(m) && !found; i++) {
			const char *name;
			int kind;
			uint32_t idx;

			if (!wasmi_module__export(m, i, &name, &kind, &idx))
				found = !strcmp(name, need[k].name) && kind == need[k].kind;
		}
		if (!found) {
			pr_warn("%s: does not export '%s', which wasm-bpf runtimes need%s\n", file,
				need[k].name,
				need[k].kind == 1 ? " (link with -Wl,--export-table)" : "");
			return -EINVAL;
		}
	}
	return 0;
}

int ecc_wasm__check_module(const uint8_t *bytes, size_t len, const char *file)
{
	struct wasmi_error werr = {{0}};
	struct wasmi_module *m = wasmi_module__new(bytes, len, &werr);
	int err = 0;

	if (!m) {
		pr_warn("%s: not a valid Wasm module: %s\n", file, werr.msg);
		return -EINVAL;
	}
	for (size_t i = 0; i < wasmi_module__import_cnt(m) && !err; i++) {
		const char *mod, *name;
		char sig[64] = "";
		int kind;

		err = wasmi_module__import(m, i, &mod, &name, &kind, sig, sizeof(sig));
		if (err)
			pr_warn("%s: cannot read import %zu\n", file, i);
		else
			err = check_import(file, mod, name, kind, sig);
	}
	if (!err)
		err = check_exports(m, file);
	wasmi_module__free(m);
	return err;
}
#else
int ecc_wasm__check_module(const uint8_t *bytes, size_t len, const char *file)
{
	/*
	 * Only when runtime-min/wasm is an empty placeholder target (see
	 * templates/CMakeLists.txt): say so instead of pretending to check.
	 */
	pr_warn("%s: imports and exports NOT checked: this ecc was built without the Wasm "
		"decoder (runtime-min/wasm)\n",
		file);
	return 0;
}
#endif
