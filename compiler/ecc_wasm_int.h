/* SPDX-License-Identifier: MIT */
/* Private to compiler/ecc_wasm*.c: toolchain discovery and the module check. */
#ifndef ECC_WASM_INT_H
#define ECC_WASM_INT_H

#include <stddef.h>
#include <stdint.h>

/* Where wasi-libc's headers are and which sysroot clang gets. */
struct ecc_wasi {
	char *sysroot; /* for --sysroot= */
	char *include; /* for -isystem */
};

/*
 * Find wasi-libc under dir (NULL: Debian's /usr; the multiarch layout
 * include/wasm32-wasi + lib/wasm32-wasi, or wasi-sdk's include + lib/wasm32-wasi)
 * and check that clang has the wasm32 builtins and wasm-ld. -ENOENT with a
 * message naming the Debian packages to install.
 */
int ecc_wasi__find(const char *clang, const char *dir, struct ecc_wasi *w);
void ecc_wasi__free(struct ecc_wasi *w);

/*
 * Check a linked app.wasm (named `name` in messages): imports only from
 * wasm_bpf (with the ABI's exact types) and wasi_snapshot_preview1, exports
 * memory, _start and __indirect_function_table. 0, or -EINVAL with one
 * message naming the offending import or missing export.
 */
int ecc_wasm__check_module(const uint8_t *bytes, size_t len, const char *name);

#endif /* ECC_WASM_INT_H */
