/* SPDX-License-Identifier: MIT */
/*
 * ecc_standalone: `ecc -s/--standalone`, a native executable with the
 * package embedded.
 *
 * Nothing is compiled: the executable is a copy of the prebuilt ecli stub
 * (the ecli_standalone target, file name ecli-standalone) with the package
 * and a trailer appended (format: runtime-min/rtmin_standalone.h). Run, it
 * behaves like `ecli run [ECLI RUN OPTIONS] package.json [PROGRAM FLAGS]`.
 *
 * The stub is looked for in this order: $ECC_STANDALONE_STUB (when set, it
 * must exist), the build tree's stub (ECC_STANDALONE_STUB_PATH, compiled in),
 * then ecli-standalone next to the running ecc.
 *
 * Errors: 0 or a negative errno, with one message naming the file at fault.
 * On failure no output file is left behind (temp file + rename).
 */
#ifndef ECC_STANDALONE_H
#define ECC_STANDALONE_H

/*
 * Write `out_path` (mode 0755, atomically): the stub, then the package file
 * `package_json` (JSON, YAML or an --btfgen tar: ecli tells them apart by
 * content), then the trailer. `stub` NULL means ecc_standalone__find_stub().
 */
int ecc_standalone__write(const char *package_json, const char *stub, const char *out_path);

/*
 * The stub to copy, as described above; the caller frees it. NULL with
 * errno = ENOENT after logging every place looked at.
 */
char *ecc_standalone__find_stub(void);

#endif /* ECC_STANDALONE_H */
