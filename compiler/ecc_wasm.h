/* SPDX-License-Identifier: MIT */
/*
 * ecc_wasm: the Wasm route of ecc (`--wasm`, `--gen-wasm-app`, and the
 * Wasm-safe header written by `--header-only`).
 *
 * The compiler driver calls these after the BPF object and the package
 * metadata exist. Nothing here writes next to the user's sources except into
 * out_dir; temporary files go in a private mkdtemp directory.
 * Errors: 0 or a negative errno, with one message logged (naming the file,
 * struct or import the user can fix).
 */
#ifndef ECC_WASM_H
#define ECC_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>

struct ecc_wasm_opts {
	const char *bpf_obj_path;     /* the packaged (stripped) .bpf.o */
	const char *obj_name;	      /* e.g. "bootstrap_bpf" */
	const char *export_header;    /* the user's export header, or NULL */
	char *const *export_structs;  /* struct tags defined in it */
	size_t n_export_structs;
	const cJSON *meta;	      /* the package's meta object (borrowed) */
	const char *out_dir;	      /* where app.wasm and headers go */
	const char *app_src;	      /* --app, or NULL for the default app */
	const char *wasi_sysroot;     /* --wasi-sysroot, or NULL for Debian's /usr */
	const char *clang_bin;	      /* clang to compile the app with */
	bool verbose;
};

/* Write the Wasm-safe header for `structs` (laid out from the object's BTF). */
int ecc_wasm__write_header(const char *bpf_obj_path, char *const *structs, size_t n,
			   const char *out_path);

/* Generate headers + skeleton, compile the app, link and check app.wasm. */
int ecc_wasm__build(const struct ecc_wasm_opts *o);

/* Write the default app.c into out_dir (never overwriting an existing file). */
int ecc_wasm__gen_app(const struct ecc_wasm_opts *o);

#endif /* ECC_WASM_H */
